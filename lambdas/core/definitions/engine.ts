/**
 * The port to Step Functions. The same adapter (lambdas/adapters/sfn.ts, @aws-sdk/client-sfn) reaches the
 * embedded engine locally and AWS Step Functions in the cloud.
 */
export interface Problem {
  path: string;
  message: string;
}

export interface ExecutionDescription {
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';
  output?: unknown;
  error?: string;
  cause?: string;
  startDate: number;
  stopDate?: number;
}

export interface WorkflowEngine {
  /** ValidateStateMachineDefinition, its diagnostics as problems with JSON-pointer paths where AWS gives one. */
  validate(definition: unknown): Promise<Problem[]>;
  /** Creates or updates the state machine for `workflowId` and publishes a version. */
  publish(
    workflowId: string,
    definition: unknown,
    description: string,
    existingArn?: string,
  ): Promise<{ stateMachineArn: string; versionArn: string }>;
  /** Idempotent by name: the same name and input return the running execution. */
  start(stateMachineOrVersionArn: string, name: string, input: unknown): Promise<{ executionArn: string }>;
  describe(executionArn: string): Promise<ExecutionDescription>;
  sendSuccess(token: string, output: unknown): Promise<void>;
  sendFailure(token: string, error: string, cause: string): Promise<void>;
  /** SendTaskHeartbeat: resolves while the token is waited on; TaskTokenGoneError once it is not. */
  sendHeartbeat(token: string): Promise<void>;
  stop(executionArn: string, error: string, cause: string): Promise<void>;
}

/** Thrown by the adapter when a task token is no longer waiting (completed, timed out, or unknown). */
export class TaskTokenGoneError extends Error {
  constructor(readonly awsError: string) {
    super(`task token no longer valid (${awsError})`);
    this.name = 'TaskTokenGoneError';
  }
}

/** One human step's answer in a dry run: form data, or a failure such as a return for revision. */
export type DryRunDecision = { data: unknown } | { error: string; cause?: string };

export interface DryRunRequest {
  workflowId: string;
  definition: unknown;
  input: Record<string, unknown>;
  /**
   * Answers by state name, form id or function name; a list answers successive visits (a revision loop).
   * Human steps without an answer are filled with their form's first example.
   */
  decisions: Record<string, DryRunDecision | DryRunDecision[] | unknown>;
  /** The first example of each form the workflow (or a child) uses, by form id. */
  examples: Record<string, unknown>;
  /** The latest published definition of every child workflow it starts (transitively), by workflow id. */
  children: Record<string, unknown>;
}

export interface DryRunResult {
  status: string;
  path: string[];
  states: { name: string; type?: string; input?: unknown; output?: unknown; simulated?: boolean }[];
  output?: unknown;
  error?: string;
  cause?: string;
  humanSteps: number;
}

/** Runs a draft on an isolated, in-memory engine with a virtual clock (waits and timeouts skip). */
export type DryRunner = (request: DryRunRequest) => Promise<DryRunResult>;
