/**
 * `cp-bank-referral`: the green-credit referral steps (match, consent, deliver with a signed webhook, the bank's
 * answers, the enterprise's information, summary). Payloads: lambdas/core/referrals/README.md.
 */
import { runReferralAction } from '../core/referrals/actions';
import type { TaskDeps, TaskHandler } from '../task-runtime';
import { lambdaHandler } from '../aws-runtime';
import type { LifecyclePorts } from '../adapters/mailer-runtime';
import { withAwsLifecyclePorts } from '../adapters/mailer-runtime';

export function create(deps: TaskDeps & LifecyclePorts): TaskHandler {
  return (event) => runReferralAction(deps, event);
}

export const handler = lambdaHandler((deps) => create(withAwsLifecyclePorts(deps)));
