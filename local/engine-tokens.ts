/**
 * SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat for the engine in this process, handed to its in-process API entry
 * (`Engine.call`: the same validation and the same errors as its HTTP endpoint) instead of the SDK over loopback —
 * the calls every submission makes (docs/decisions.md D20); its token errors map as the SDK's do (`tokenCall`).
 * Everything else still goes through the SDK client.
 */
import { sfnCallCounts, tokenCall } from '../lambdas/adapters/sfn';
import type { WorkflowEngine } from '../lambdas/core/definitions/engine';
import type { Engine } from './stepfunctions/contract';

export function inProcessTokenCalls(
  engine: Engine,
): Pick<WorkflowEngine, 'sendSuccess' | 'sendFailure' | 'sendHeartbeat'> {
  const token = (action: string, input: Record<string, unknown>) => {
    sfnCallCounts.set(action, (sfnCallCounts.get(action) ?? 0) + 1);
    return tokenCall(() => engine.call(action, input));
  };
  return {
    sendSuccess: (taskToken, output) =>
      token('SendTaskSuccess', { taskToken, output: JSON.stringify(output) }),
    sendFailure: (taskToken, error, cause) => token('SendTaskFailure', { taskToken, error, cause }),
    sendHeartbeat: (taskToken) => token('SendTaskHeartbeat', { taskToken }),
  };
}
