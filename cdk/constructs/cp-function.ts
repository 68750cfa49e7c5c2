import type { RemovalPolicy } from 'aws-cdk-lib';
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { BundleSpec } from '../lambda/bundle';
import type { LambdaCode } from '../lambda/code';

export interface CpFunctionProps {
  /** What to bundle and deploy. */
  readonly bundle: BundleSpec;
  /** How bundles become Lambda code (esbuild locally; a placeholder in tests). */
  readonly code: LambdaCode;
  /** Physical name, e.g. `cpflow-prod-cp-open-task`: published state machines name functions by ARN. */
  readonly functionName: string;
  readonly description: string;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly environment?: Readonly<Record<string, string>>;
  /**
   * Invoked asynchronously (EventBridge, Scheduler): two retries, then the event goes to a dead-letter queue.
   * @default false — Step Functions and the api invoke synchronously and see every error themselves.
   */
  readonly asyncInvocation?: boolean;
  readonly logRetention: logs.RetentionDays;
  /** For the log group and dead-letter queue. */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * One cpflow Lambda: Node.js 24 on arm64, its own log group (JSON, Powertools), and its own role whose only
 * built-in right is writing to that log group — no AWS managed policy. Grants add the rest.
 */
export class CpFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  /** Present when `asyncInvocation` is set. */
  readonly deadLetterQueue?: sqs.Queue;

  constructor(scope: Construct, id: string, props: CpFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${props.functionName}`,
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `${props.functionName}: writes its own logs; everything else is granted explicitly`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    if (props.asyncInvocation) {
      this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
        removalPolicy: props.removalPolicy,
      });
    }
    this.function = new lambda.Function(this, 'Function', {
      functionName: props.functionName,
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      code: props.code.code(props.bundle),
      handler: props.code.handler,
      timeout: props.timeout,
      memorySize: props.memorySize,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        POWERTOOLS_SERVICE_NAME: props.functionName,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
      ...(this.deadLetterQueue
        ? { deadLetterQueue: this.deadLetterQueue, retryAttempts: 2, maxEventAge: Duration.hours(6) }
        : {}),
    });
  }

  /** Lets `grantee` invoke this function (exactly its ARN, not its versions). */
  grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['lambda:InvokeFunction'],
      resourceArns: [this.function.functionArn],
    });
  }
}
