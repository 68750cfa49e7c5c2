/** `cp-incentive`: assesses an incentive application, records the decision and the payment. */
import { runIncentiveAction } from '../core/incentives/actions';
import type { LifecyclePorts } from '../adapters/mailer-runtime';
import { withAwsLifecyclePorts } from '../adapters/mailer-runtime';
import { lambdaHandler } from '../aws-runtime';
import type { TaskDeps, TaskHandler } from '../task-runtime';

export function create(deps: TaskDeps & LifecyclePorts): TaskHandler {
  return (event) => runIncentiveAction(deps, event);
}

export const handler = lambdaHandler((deps) => create(withAwsLifecyclePorts(deps)));
