/**
 * The two families of errors the engine raises:
 * - `StatesError`: an ASL runtime error (`States.Runtime`, a task's error …) that Retry/Catch may handle;
 * - `SfnApiError`: an API error returned to the caller as `{ __type, message }` with HTTP 400.
 */

/** Error names that neither `States.ALL` nor `States.TaskFailed` match (AWS: concepts-error-handling). */
export const TERMINAL_ERRORS = new Set(['States.Runtime', 'States.DataLimitExceeded']);

export class StatesError extends Error {
  override readonly name = 'StatesError';
  /**
   * @param error the ASL error name (`States.Runtime`, `Lambda.Unknown`, a function's errorType …); '' when a
   *   SendTaskFailure gave none.
   * @param cause the human-readable cause, if any.
   * @param heartbeat set on a heartbeat timeout, which AWS reports as States.Timeout but `States.HeartbeatTimeout`
   *   also matches.
   */
  constructor(
    readonly error: string,
    readonly causeText?: string,
    readonly heartbeat = false,
  ) {
    super(`${error}: ${causeText ?? ''}`);
  }
}

/** Shorthand for the uncatchable runtime error (bad path, bad intrinsic argument …). */
export function runtimeError(cause: string): StatesError {
  return new StatesError('States.Runtime', cause);
}

/** API error codes the engine returns; the SDK maps each to its typed exception. */
export type ApiErrorCode =
  | 'InvalidDefinition'
  | 'InvalidArn'
  | 'InvalidName'
  | 'InvalidExecutionInput'
  | 'InvalidOutput'
  | 'InvalidToken'
  | 'StateMachineDoesNotExist'
  | 'StateMachineAlreadyExists'
  | 'StateMachineDeleting'
  | 'ExecutionDoesNotExist'
  | 'ExecutionAlreadyExists'
  | 'ExecutionNotRedrivable'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'ResourceNotFound'
  | 'ConflictException'
  | 'ServiceQuotaExceededException'
  | 'ValidationException'
  | 'MissingRequiredParameter'
  | 'UnknownOperationException'
  | 'SerializationException'
  | 'InternalFailure';

const CORAL: Partial<Record<ApiErrorCode, string>> = {
  ValidationException: 'com.amazon.coral.validate#ValidationException',
  UnknownOperationException: 'com.amazon.coral.service#UnknownOperationException',
  SerializationException: 'com.amazon.coral.service#SerializationException',
  InternalFailure: 'com.amazon.coral.service#InternalFailure',
};

export class SfnApiError extends Error {
  override readonly name = 'SfnApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }

  /**
   * The `__type` AWS puts in the body. The SDK keeps what follows `#`, so either form yields the typed exception;
   * we send the long form AWS sends.
   */
  get type(): string {
    return CORAL[this.code] ?? `com.amazonaws.swf.service.v2.model#${this.code}`;
  }
}
