/** `cp-issue-certificate`: issues the case's certificate once (unique number, validity from policy). */
import { issueCertificate } from '../core/certificates/issue';
import type { TaskDeps, TaskHandler } from '../task-runtime';
import { lambdaHandler } from '../aws-runtime';

export function create(deps: TaskDeps): TaskHandler {
  return (event) => issueCertificate(deps, event);
}

export const handler = lambdaHandler(create);
