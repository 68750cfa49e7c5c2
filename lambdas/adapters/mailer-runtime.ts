/**
 * The mail and webhook ports the lifecycle Lambdas add to their task deps (lambdas/core/notifications/mailer.ts,
 * lambdas/core/referrals/webhooks.ts). Locally, local/runtime.ts passes an outbox mailer and the HTTP webhook
 * sender; on AWS, `withAwsLifecyclePorts` adds SES (when SENDER_EMAIL names a verified sender) and the same HTTP
 * sender, once per container. The SES client loads on the first mail, so a cold start without mail skips it.
 */
import { loadConfig } from '../config';
import type { Mailer, MailPorts } from '../core/notifications/mailer';
import type { WebhookPorts } from '../core/referrals/webhooks';
import { httpWebhookSender } from './webhook';

export type LifecyclePorts = MailPorts & WebhookPorts;

function lazySes(region: string, from: string): Mailer {
  let mailer: Promise<Mailer> | undefined;
  return {
    async send(mail) {
      mailer ??= import('./mailer-ses').then(({ createSesClient, sesMailer }) =>
        sesMailer(createSesClient({ region }), from),
      );
      await (await mailer).send(mail);
    },
  };
}

/**
 * @example export const handler = lambdaHandler((deps) => create(withAwsLifecyclePorts(deps)))
 */
export function withAwsLifecyclePorts<T extends object>(deps: T): T & LifecyclePorts {
  const config = loadConfig();
  return {
    ...deps,
    ...(config.senderEmail ? { mailer: lazySes(config.region, config.senderEmail) } : {}),
    webhooks: httpWebhookSender(),
  };
}
