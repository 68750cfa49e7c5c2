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
