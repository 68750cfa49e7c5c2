/**
 * `cp-execution-events`: EventBridge's "Step Functions Execution Status Change" on AWS, the engine's status
 * callback locally. Registers child cases and closes cases whose execution ended.
 */
import { recordExecutionChange } from '../core/cases/cases';
import type { TaskDeps, TaskHandler } from '../task-runtime';
import { lambdaHandler } from '../aws-runtime';

interface StatusChange {
  name: string;
  status: string;
  input: string;
  output: string | null;
  error: string | null;
  cause: string | null;
  executionArn: string;
}

export function create(deps: TaskDeps): TaskHandler {
  return async (event) => {
    const e = event as { detail?: StatusChange } & Partial<StatusChange>;
    const change = e.detail ?? (e as StatusChange);
    await recordExecutionChange(deps, {
      name: change.name,
      status: change.status,
      input: change.input ?? '{}',
      output: change.output ?? null,
      error: change.error ?? null,
      cause: change.cause ?? null,
      executionArn: change.executionArn,
    });
    return { ok: true };
  };
}

export const handler = lambdaHandler(create);
