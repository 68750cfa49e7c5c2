/** `cp-coherence`: the report coherence check before review (pure: reads policy tables, writes nothing). */
import { coherence } from '../core/coherence/check';
import type { TaskDeps, TaskHandler } from '../task-runtime';
import { lambdaHandler } from '../aws-runtime';

export function create(deps: TaskDeps): TaskHandler {
  return (event) => coherence(deps, event);
}

export const handler = lambdaHandler(create);
