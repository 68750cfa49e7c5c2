import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export interface CpNotificationsProps {
  /** The address notifications come from; its identity is created here and must be verified once. */
  readonly senderEmail: string;
}

/**
 * The SES sender identity for notifications (task assigned, reminder, certificate due). Created only when a
 * sender address is configured; without one cpflow sends no e-mail and users see everything in their inbox.
 */
export class CpNotifications extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly senderEmail: string;

  constructor(scope: Construct, id: string, props: CpNotificationsProps) {
    super(scope, id);
    this.senderEmail = props.senderEmail;
    this.identity = new ses.EmailIdentity(this, 'Sender', {
      identity: ses.Identity.email(props.senderEmail),
    });
  }

  /** Lets `grantee` send from this identity, and from no other. */
  grantSend(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resourceArns: [this.identity.emailIdentityArn],
      conditions: { StringEquals: { 'ses:FromAddress': this.senderEmail } },
    });
  }
}
