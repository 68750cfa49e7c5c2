/** `cp-performance`: the performance table (绩效表) from physical quantities, stored in the case's results record. */
import { recordPerformance } from '../core/performance/record';
import type { TaskDeps, TaskHandler } from '../task-runtime';
import { lambdaHandler } from '../aws-runtime';

export function create(deps: TaskDeps): TaskHandler {
  return (event) => recordPerformance(deps, event);
}

export const handler = lambdaHandler(create);
