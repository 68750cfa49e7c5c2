/**
 * SendTaskSuccess and SendTaskFailure for the engine in this process, handed to its in-process API entry
 * (`Engine.call`: the same validation and the same errors as its HTTP endpoint) instead of the SDK over loopback —
 * the calls every submission makes (docs/decisions.md D20). Everything else still goes through the SDK client.
 */
import { sfnCallCounts, TOKEN_GONE } from '../lambdas/adapters/sfn';
import type { WorkflowEngine } from '../lambdas/core/definitions/engine';
import { TaskTokenGoneError } from '../lambdas/core/definitions/engine';
import type { Engine } from './stepfunctions/contract';
import { SfnApiError } from './stepfunctions/errors';

export function inProcessTokenCalls(engine: Engine): Pick<WorkflowEngine, 'sendSuccess' | 'sendFailure'> {
  async function token(action: string, input: Record<string, unknown>): Promise<void> {
    sfnCallCounts.set(action, (sfnCallCounts.get(action) ?? 0) + 1);
    try {
      await engine.call(action, input);
    } catch (err) {
      if (err instanceof SfnApiError && TOKEN_GONE.has(err.code)) throw new TaskTokenGoneError(err.code);
      throw err;
    }
  }
  return {
    sendSuccess: (taskToken, output) =>
      token('SendTaskSuccess', { taskToken, output: JSON.stringify(output) }),
    sendFailure: (taskToken, error, cause) => token('SendTaskFailure', { taskToken, error, cause }),
  };
}
