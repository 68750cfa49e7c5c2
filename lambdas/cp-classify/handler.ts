/** `cp-classify`: full, quick or special audit from a filing (pure: reads reference tables, writes nothing). */
import { classify } from '../core/routing/classify';
import type { TaskDeps, TaskHandler } from '../task-runtime';
import { lambdaHandler } from '../aws-runtime';

export function create(deps: TaskDeps): TaskHandler {
  return (event) => classify(deps, event);
}

export const handler = lambdaHandler(create);
