import type { RemovalPolicy } from 'aws-cdk-lib';
import { Duration, TimeZone } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { logicalId } from './data';
import type { CpFunction } from './cp-function';

export interface CpRemindersProps {
  /** The deployed task functions by logical name. */
  readonly functions: ReadonlyMap<string, CpFunction>;
  /** The logical name of the sweeping function. @default 'cp-reminders' */
  readonly functionName?: string;
  /** Local time of the daily run. */
  readonly hour: number;
  readonly minute: number;
  /** IANA time zone of `hour`. @default 'Asia/Shanghai' */
  readonly timeZone?: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The daily sweep (ARCHITECTURE §4–5): certificate expiries, renewal rounds and overdue tasks are data that
 * `cp-reminders` sweeps once a day, not waits inside executions. The schedule exists only when the registry has
 * that function; failed deliveries go to a dead-letter queue.
 */
export class CpReminders extends Construct {
  /** Undefined when the function is not registered (yet). */
  readonly schedule?: scheduler.Schedule;
  readonly deadLetterQueue?: sqs.Queue;
  /** The role EventBridge Scheduler invokes the function as. */
  readonly role?: iam.Role;

  constructor(scope: Construct, id: string, props: CpRemindersProps) {
    super(scope, id);
    const name = props.functionName ?? 'cp-reminders';
    const fn = props.functions.get(name);
    if (!fn) return;
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is the schedule target’s dead-letter queue; a dead-letter queue of its own would only move the problem.',
    );
    this.role = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
      description: `EventBridge Scheduler invokes ${name}`,
    });
    this.schedule = new scheduler.Schedule(this, 'Daily', {
      description: `Runs ${name} once a day`,
      schedule: scheduler.ScheduleExpression.cron({
        hour: String(props.hour),
        minute: String(props.minute),
        timeZone: TimeZone.of(props.timeZone ?? 'Asia/Shanghai'),
      }),
      target: new schedulerTargets.LambdaInvoke(fn.function, {
        input: scheduler.ScheduleTargetInput.fromObject({
          source: 'schedule',
          scheduledAt: scheduler.ContextAttribute.scheduledTime,
        }),
        role: this.role,
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
      }),
    });
    acknowledge(
      this.role,
      `AwsSolutions-IAM5[Resource::<${logicalId(fn.function)}.Arn>:*]`,
      'The CDK scheduler target grants the function and its versions; the schedule invokes the unqualified function.',
    );
  }
}
