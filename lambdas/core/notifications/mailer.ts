/**
 * The e-mail port. The composition root provides one where mail is configured: SES on AWS
 * (lambdas/adapters/mailer-ses.ts), an outbox directory under DATA_DIR locally (lambdas/adapters/mailer-outbox.ts).
 * Without one, notifications are in-app only.
 */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Stable per notification, so a receiving system can drop a repeat (`X-Cpflow-Notification`). */
  id: string;
}

export interface Mailer {
  /** Throws when the message was not accepted; the notification then waits for a retry. */
  send(mail: Mail): Promise<void>;
}

/** The ports notification services take: the usual ones, plus a mailer where the runtime has one. */
export interface MailPorts {
  mailer?: Mailer;
}
