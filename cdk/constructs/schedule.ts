import type { RemovalPolicy } from 'aws-cdk-lib';
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { logicalId } from './data';
import type { CpFunction } from './cp-function';

export interface CpScheduleProps {
  /** The deployed task functions by logical name. */
  readonly functions: ReadonlyMap<string, CpFunction>;
  /** The logical name of the function to run. */
  readonly functionName: string;
  /** When it runs, e.g. daily at a local hour or every few minutes. */
  readonly schedule: scheduler.ScheduleExpression;
  /** What the run is for, in the schedule's description. */
  readonly purpose: string;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * A task function run on a schedule (ARCHITECTURE §4–5): certificate expiries, renewal rounds and overdue tasks
 * are data that `cp-reminders` sweeps once a day, not waits inside executions, and `cp-dashboard` recounts the
 * administrators' dashboard every few minutes. The schedule exists only when the registry has the function;
 * failed deliveries go to a dead-letter queue.
 */
export class CpSchedule extends Construct {
  /** Undefined when the function is not registered (yet). */
  readonly schedule?: scheduler.Schedule;
  readonly deadLetterQueue?: sqs.Queue;
  /** The role EventBridge Scheduler invokes the function as. */
  readonly role?: iam.Role;

  constructor(scope: Construct, id: string, props: CpScheduleProps) {
    super(scope, id);
    const name = props.functionName;
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
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: `Runs ${name}: ${props.purpose}`,
      schedule: props.schedule,
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
