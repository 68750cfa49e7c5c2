/** E-mail through Amazon SES (v2 API), from the verified sender address in SENDER_EMAIL. */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../core/notifications/mailer';

export function createSesClient(opts: { region: string; endpoint?: string }): SESv2Client {
  return new SESv2Client({ region: opts.region, ...(opts.endpoint ? { endpoint: opts.endpoint } : {}) });
}

/**
 * @example sesMailer(createSesClient({ region: 'ap-east-1' }), 'noreply@cp.example.gov.cn')
 */
export function sesMailer(client: SESv2Client, from: string): Mailer {
  return {
    async send(mail) {
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [mail.to] },
          Content: {
            Simple: {
              Subject: { Data: mail.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: mail.text, Charset: 'UTF-8' } },
              Headers: [{ Name: 'X-Cpflow-Notification', Value: mail.id }],
            },
          },
        }),
      );
    },
  };
}
