/**
 * The contract between the embedded Step Functions engine and the rest of cpflow.
 * The engine (this folder) implements it; local/main.ts, the dry run and the tests consume it.
 */

/** What a Lambda invocation returned: a payload, or a function error (Lambda's `X-Amz-Function-Error`). */
export type InvokeResult =
  { payload: unknown } | { functionError: { errorType: string; errorMessage: string; trace?: string[] } };

/**
 * Runs a Lambda function by logical name or ARN. local/ binds it to lambdas/registry.ts and, for names not
 * registered there, to the Lambda Invoke API at LAMBDA_ENDPOINT; a dry run binds it to a filler.
 * Throws `Lambda.ResourceNotFoundException` (as an Error whose name is that) when nothing serves the name.
 */
export type LambdaInvoker = (functionName: string, payload: unknown) => Promise<InvokeResult>;

/** Time as the engine sees it. The real clock uses Date.now and setTimeout; a virtual clock skips waits. */
export interface Clock {
  now(): number;
  /** Calls `fn` once `at` (epoch ms) has come; returns a cancel function. */
  schedule(at: number, fn: () => void): () => void;
}

/** Shaped like the detail of EventBridge's "Step Functions Execution Status Change" event. */
export interface ExecutionStatusChange {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  startDate: number;
  stopDate: number | null;
  input: string;
  output: string | null;
  error: string | null;
  cause: string | null;
}

/**
 * A clock whose time only moves when the engine has nothing else to do: `runNext()` jumps to the earliest pending
 * timer and fires it. The engine drives it from its idle detector, so Wait states and task timeouts take no real
 * time in a dry run.
 */
export interface VirtualClock extends Clock {
  readonly virtual: true;
  /** Jumps to the earliest pending timer and fires it; false when none is pending. */
  runNext(): boolean;
  /** Number of pending timers. */
  pending(): number;
}

/** Options of `startEngine` (local/stepfunctions/index.ts). */
export interface EngineOptions {
  /** TCP port of the Step Functions API; 0 picks an ephemeral one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Directory of the LevelDB store; omitted → in-memory store (classic-level is then never loaded). */
  dataDir?: string;
  region?: string;
  accountId?: string;
  /** Runs every Lambda task (lambda:invoke, lambda ARN resources). */
  invoke: LambdaInvoker;
  /** Lambda Invoke API used when `invoke` throws `Lambda.ResourceNotFoundException`. */
  lambdaEndpoint?: string;
  clock?: Clock;
  /** Called at least once, after the change is durably stored, when an execution starts and when it ends. */
  onExecutionStatusChange?: (e: ExecutionStatusChange) => Promise<void>;
}

/** A running engine. */
export interface Engine {
  /** Base URL of the API, e.g. http://127.0.0.1:8083 (use it as the SDK `endpoint`). */
  url: string;
  port: number;
  /** Stops the server and timers and closes the store; in-flight work is abandoned (it resumes on restart). */
  close(): Promise<void>;
  /** Resolves when no execution has runnable work (all are finished or waiting on a token or timer). */
  idle(): Promise<void>;
  /**
   * Runs one API action in process, exactly as the HTTP endpoint would (same validation, same errors, thrown as
   * `SfnApiError`), without the HTTP and SDK overhead. Input and output are the JSON bodies of the AWS API.
   */
  call(action: string, input: Record<string, unknown>): Promise<Record<string, unknown>>;
}
