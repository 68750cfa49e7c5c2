/** `cp-open-task`: the human step. The workflow passes its task token; the task waits in the assignee's inbox. */
import type { OpenTaskPayload } from '../core/tasks/open';
import { openTask } from '../core/tasks/open';
import { publicTask } from '../core/tasks/model';
import type { TaskDeps, TaskHandler } from '../task-runtime';
import { lambdaHandler } from '../aws-runtime';

export function create(deps: TaskDeps): TaskHandler {
  return async (event) => {
    const task = await openTask(deps, event as OpenTaskPayload);
    const { id, caseId, formId, formVersion, dueAt } = publicTask(task);
    return { taskId: id, caseId, formId, formVersion, dueAt };
  };
}

export const handler = lambdaHandler(create);
