/**
 * The mail and webhook ports the lifecycle Lambdas add to their task deps (lambdas/core/notifications/mailer.ts,
 * lambdas/core/referrals/webhooks.ts). Locally, local/runtime.ts passes an outbox mailer and the HTTP webhook
 * sender; on AWS, `withAwsLifecyclePorts` adds SES (when SENDER_EMAIL names a verified sender) and the same HTTP
 * sender, once per container.
 */
import { loadConfig } from '../config';
import type { MailPorts } from '../core/notifications/mailer';
import type { WebhookPorts } from '../core/referrals/webhooks';
import { createSesClient, sesMailer } from './mailer-ses';
import { httpWebhookSender } from './webhook';

export type LifecyclePorts = MailPorts & WebhookPorts;

/**
 * @example export const handler = lambdaHandler((deps) => create(withAwsLifecyclePorts(deps)))
 */
export function withAwsLifecyclePorts<T extends object>(deps: T): T & LifecyclePorts {
  const config = loadConfig();
  return {
    ...deps,
    ...(config.senderEmail
      ? { mailer: sesMailer(createSesClient({ region: config.region }), config.senderEmail) }
      : {}),
    webhooks: httpWebhookSender(),
  };
}
