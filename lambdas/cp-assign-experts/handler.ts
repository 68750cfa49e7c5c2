/** `cp-assign-experts`: draws a case's expert panel (回避, load, seeded draw), records it and adds the experts. */
import { assignExperts } from '../core/experts/assign';
import type { TaskDeps, TaskHandler } from '../task-runtime';
import { lambdaHandler } from '../aws-runtime';

export function create(deps: TaskDeps): TaskHandler {
  return (event) => assignExperts(deps, event);
}

export const handler = lambdaHandler(create);
