/** `cp-score-panel`: aggregates the panel's score sheets (pure: reads the score-sheets table, writes nothing). */
import { scoreFromPayload } from '../core/experts/score';
import type { TaskDeps, TaskHandler } from '../task-runtime';
import { lambdaHandler } from '../aws-runtime';

export function create(deps: TaskDeps): TaskHandler {
  return (event) => scoreFromPayload(deps, event);
}

export const handler = lambdaHandler(create);
