/**
 * The local mailer: every mail becomes an RFC 5322 message file under DATA_DIR/outbox (`<time>-<id>.eml`), which any
 * mail client opens. Written to a temporary name and renamed, so a reader never sees half a message.
 */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Mail, Mailer } from '../core/notifications/mailer';

/** RFC 2047 encoded-word for a UTF-8 header value. */
const encodeHeader = (text: string) => `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;

/**
 * The message text of a mail.
 * @example renderEml({ to: 'li@x.cn', subject: '新待办', text: '…', id: 'ntf_1' }, 'cpflow@localhost', new Date())
 */
export function renderEml(mail: Mail, from: string, date: Date): string {
  return [
    `From: ${from}`,
    `To: ${mail.to}`,
    `Subject: ${encodeHeader(mail.subject)}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <${mail.id}@cpflow.local>`,
    `X-Cpflow-Notification: ${mail.id}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    Buffer.from(mail.text, 'utf8')
      .toString('base64')
      .replace(/(.{76})/g, '$1\r\n'),
    '',
  ].join('\r\n');
}

export function outboxMailer(dir: string, from = 'cpflow@localhost', now: () => number = Date.now): Mailer {
  return {
    async send(mail) {
      await mkdir(dir, { recursive: true });
      const stamp = new Date(now()).toISOString().replace(/[:.]/g, '-');
      const file = join(dir, `${stamp}-${mail.id}.eml`);
      await writeFile(`${file}.part`, renderEml(mail, from, new Date(now())), 'utf8');
      await rename(`${file}.part`, file);
    },
  };
}
