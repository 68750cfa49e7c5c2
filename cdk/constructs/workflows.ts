import type { RemovalPolicy } from 'aws-cdk-lib';
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge, nagString } from '../nag';
import type { TaskFunction } from '../../lambdas/registry';
import type { LambdaCode } from '../lambda/code';
import { PLATFORM_BUNDLES } from '../lambda/entries';
import { CpFunction } from './cp-function';
import type { CpData } from './data';

export interface CpWorkflowsProps {
  /** The task Lambdas (lambdas/registry.ts): one function each. */
  readonly functions: readonly TaskFunction[];
  /** The names among them that workflows may call (registry `workflowFunctionNames`). */
  readonly workflowFunctions: ReadonlySet<string>;
  /** The function that keeps cases in step with executions, fed by EventBridge. */
  readonly executionEventsFunction: string;
  /**
   * Functions invoked asynchronously (by EventBridge or Scheduler): each gets retries and a dead-letter queue.
   * Step Functions and the api invoke the others synchronously and see their errors.
   */
  readonly asyncFunctions: ReadonlySet<string>;
  readonly code: LambdaCode;
  /** Functions are named `<prefix><logical name>`, state machines `<prefix><workflow id>`. */
  readonly namePrefix: string;
  readonly data: CpData;
  /** Environment every function gets (table name, sender address …). */
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The distributed engine's side of cpflow: every task Lambda of the registry; the role that state machines
 * published at run time run as (invoke exactly the workflow functions, start child workflows under the prefix,
 * log); the `publish` Lambda, the only holder of create/update rights on state machines under the prefix; the
 * `dry-run` Lambda; and the EventBridge rule that feeds execution status changes to `cp-execution-events`.
 */
export class CpWorkflows extends Construct {
  readonly taskFunctions: ReadonlyMap<string, CpFunction>;
  readonly stateMachineRole: iam.Role;
  readonly executionLogs: logs.LogGroup;
  readonly publishFunction: CpFunction;
  readonly dryRunFunction: CpFunction;
  readonly executionEvents: events.Rule;
  readonly executionEventsDeadLetters: sqs.Queue;
  /** `arn:…:stateMachine:<prefix>`: every cpflow state machine's ARN starts with it. */
  readonly stateMachineArnPrefix: string;
  /** `arn:…:execution:<prefix>`: every execution of one of them. */
  readonly executionArnPrefix: string;
  readonly namePrefix: string;

  constructor(scope: Construct, id: string, props: CpWorkflowsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.namePrefix = props.namePrefix;
    const arn = (resource: string, resourceName: string) =>
      stack.formatArn({
        service: 'states',
        resource,
        resourceName,
        arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
    this.stateMachineArnPrefix = arn('stateMachine', props.namePrefix);
    this.executionArnPrefix = arn('execution', props.namePrefix);

    this.taskFunctions = new Map(
      props.functions.map((f) => [
        f.name,
        new CpFunction(this, f.name, {
          bundle: { entry: f.entry },
          code: props.code,
          functionName: `${props.namePrefix}${f.name}`,
          description: f.description.slice(0, 256),
          timeout: Duration.seconds(f.timeoutSeconds),
          memorySize: f.memoryMb,
          environment: props.environment,
          asyncInvocation: props.asyncFunctions.has(f.name),
          logRetention: props.logRetention,
          removalPolicy: props.removalPolicy,
        }),
      ]),
    );
    for (const fn of this.taskFunctions.values()) {
      props.data.grantReadWriteData(fn.role);
      this.grantExecutions(fn.role);
    }

    // Vended logs: execution errors of every published state machine. The /aws/vendedlogs/ prefix keeps the
    // log resource policy Step Functions writes within its size limit.
    this.executionLogs = new logs.LogGroup(this, 'ExecutionLogs', {
      logGroupName: `/aws/vendedlogs/states/${props.namePrefix}executions`,
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });

    this.stateMachineRole = new iam.Role(this, 'StateMachineRole', {
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'Runs the state machines cpflow publishes at run time',
    });
    this.stateMachineRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'InvokeWorkflowFunctions',
        actions: ['lambda:InvokeFunction'],
        resources: this.workflowFunctionArns(props.workflowFunctions),
      }),
    );
    this.stateMachineRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'StartChildWorkflows',
        actions: ['states:StartExecution'],
        resources: [`${this.stateMachineArnPrefix}*`],
      }),
    );
    this.stateMachineRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'FollowChildWorkflows',
        actions: ['states:DescribeExecution', 'states:StopExecution'],
        resources: [`${this.executionArnPrefix}*`],
      }),
    );
    this.stateMachineRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'SyncChildWorkflows',
        actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        resources: [
          stack.formatArn({
            service: 'events',
            resource: 'rule',
            resourceName: 'StepFunctionsGetEventsForStepFunctionsExecutionRule',
          }),
        ],
      }),
    );
    this.stateMachineRole.addToPrincipalPolicy(logDeliveryStatement());
    acknowledge(
      this.stateMachineRole,
      `AwsSolutions-IAM5[Resource::${nagString(this.stateMachineArnPrefix)}*]`,
      'Child workflows are state machines published at run time; their names are known only by the cpflow prefix.',
    );
    acknowledge(
      this.stateMachineRole,
      `AwsSolutions-IAM5[Resource::${nagString(this.executionArnPrefix)}*]`,
      'Executions of child workflows (named by case id) under the cpflow prefix.',
    );
    acknowledgeLogDelivery(this.stateMachineRole);

    const platformEnv = {
      ...props.environment,
      STATE_MACHINE_PREFIX: props.namePrefix,
      FUNCTION_ARNS: stack.toJsonString(this.functionArns(props.workflowFunctions)),
    };
    this.publishFunction = new CpFunction(this, 'Publish', {
      bundle: PLATFORM_BUNDLES.publish,
      code: props.code,
      functionName: `${props.namePrefix}publish`,
      description:
        'Validates and publishes state machines under the cpflow prefix (the api has no such right)',
      timeout: Duration.seconds(30),
      memorySize: 512,
      environment: {
        ...platformEnv,
        STATE_MACHINE_ROLE_ARN: this.stateMachineRole.roleArn,
        STATE_MACHINE_LOG_GROUP_ARN: this.executionLogs.logGroupArn,
      },
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.grantStateMachineAdministration(this.publishFunction.role);

    this.dryRunFunction = new CpFunction(this, 'DryRun', {
      bundle: PLATFORM_BUNDLES.dryRun,
      code: props.code,
      functionName: `${props.namePrefix}dry-run`,
      description: 'Runs a draft workflow on an in-memory engine; writes nothing',
      timeout: Duration.seconds(60),
      memorySize: 1024,
      environment: platformEnv,
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    props.data.grantReadData(this.dryRunFunction.role);

    // Step Functions reports every status change of a standard workflow's execution to the default bus.
    const listener = this.taskFunctions.get(props.executionEventsFunction);
    if (!listener) throw new Error(`${props.executionEventsFunction} is not in the registry`);
    this.executionEventsDeadLetters = new sqs.Queue(this, 'ExecutionEventsDeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.removalPolicy,
    });
    acknowledge(
      this.executionEventsDeadLetters,
      'AwsSolutions-SQS3',
      'This queue is the execution-events rule target’s dead-letter queue; it needs none of its own.',
    );
    this.executionEvents = new events.Rule(this, 'ExecutionEvents', {
      description: 'Status changes of cpflow executions → cp-execution-events',
      eventPattern: this.executionEventPattern(),
      targets: [
        new targets.LambdaFunction(listener.function, {
          deadLetterQueue: this.executionEventsDeadLetters,
          retryAttempts: 8,
          maxEventAge: Duration.hours(24),
        }),
      ],
    });
  }

  /** The event pattern of status changes of cpflow executions, optionally only with these statuses. */
  executionEventPattern(statuses?: readonly string[]): events.EventPattern {
    return {
      source: ['aws.states'],
      detailType: ['Step Functions Execution Status Change'],
      detail: {
        stateMachineArn: [{ prefix: this.stateMachineArnPrefix }],
        ...(statuses ? { status: [...statuses] } : {}),
      },
    };
  }

  /** Logical name → function ARN, for the names workflows may call (FUNCTION_ARNS). */
  functionArns(names: ReadonlySet<string>): Record<string, string> {
    return Object.fromEntries(
      [...this.taskFunctions]
        .filter(([name]) => names.has(name))
        .map(([name, f]) => [name, f.function.functionArn]),
    );
  }

  private workflowFunctionArns(names: ReadonlySet<string>): string[] {
    return Object.values(this.functionArns(names));
  }

  /** What running cases needs: start executions, follow and stop them, answer task tokens — under the prefix. */
  grantExecutions(grantee: iam.IGrantable): iam.Grant {
    const executions = `${this.executionArnPrefix}*`;
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions: [
        'states:StartExecution',
        'states:SendTaskSuccess',
        'states:SendTaskFailure',
        'states:SendTaskHeartbeat',
      ],
      resourceArns: [`${this.stateMachineArnPrefix}*`],
    });
    grant.combine(
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['states:DescribeExecution', 'states:StopExecution'],
        resourceArns: [executions],
      }),
    );
    acknowledge(
      grantee,
      `AwsSolutions-IAM5[Resource::${nagString(this.stateMachineArnPrefix)}*]`,
      'State machines are published at run time by administrators; the cpflow name prefix is what is known at deploy time.',
    );
    acknowledge(
      grantee,
      `AwsSolutions-IAM5[Resource::${nagString(this.executionArnPrefix)}*]`,
      'Executions (named by case id) of the state machines under the cpflow prefix.',
    );
    return grant;
  }

  /** Lets `grantee` call the publish Lambda (validate and publish workflows). */
  grantPublish(grantee: iam.IGrantable): iam.Grant {
    return this.publishFunction.grantInvoke(grantee);
  }

  /** Lets `grantee` call the dry-run Lambda. */
  grantDryRun(grantee: iam.IGrantable): iam.Grant {
    return this.dryRunFunction.grantInvoke(grantee);
  }

  /** The publish Lambda's rights: create, update, version and alias state machines under the prefix. */
  private grantStateMachineAdministration(role: iam.Role): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PublishUnderPrefix',
        actions: [
          'states:CreateStateMachine',
          'states:UpdateStateMachine',
          'states:PublishStateMachineVersion',
          'states:DescribeStateMachine',
          'states:ListStateMachineVersions',
          'states:CreateStateMachineAlias',
          'states:UpdateStateMachineAlias',
          'states:DescribeStateMachineAlias',
          'states:ListStateMachineAliases',
          'states:TagResource',
        ],
        resources: [`${this.stateMachineArnPrefix}*`],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ValidateAndFind',
        // Neither action takes a resource: ValidateStateMachineDefinition checks a definition, ListStateMachines
        // finds an existing machine's ARN by name after StateMachineAlreadyExists.
        actions: ['states:ValidateStateMachineDefinition', 'states:ListStateMachines'],
        resources: ['*'],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PassTheStateMachineRole',
        actions: ['iam:PassRole'],
        resources: [this.stateMachineRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'states.amazonaws.com' } },
      }),
    );
    role.addToPrincipalPolicy(logDeliveryStatement());
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::${nagString(this.stateMachineArnPrefix)}*]`,
      'Administrators publish state machines at run time; the publish Lambda may touch only those under the cpflow prefix.',
    );
    acknowledge(
      role,
      'AwsSolutions-IAM5[Resource::*]',
      'ValidateStateMachineDefinition, ListStateMachines and the CloudWatch Logs delivery actions support no resource-level permissions.',
    );
  }
}

/** CloudWatch Logs vended-log delivery, which Step Functions logging needs from creator and runner alike. */
function logDeliveryStatement(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'ExecutionLogDelivery',
    actions: [
      'logs:CreateLogDelivery',
      'logs:GetLogDelivery',
      'logs:UpdateLogDelivery',
      'logs:DeleteLogDelivery',
      'logs:ListLogDeliveries',
      'logs:PutResourcePolicy',
      'logs:DescribeResourcePolicies',
      'logs:DescribeLogGroups',
    ],
    resources: ['*'],
  });
}

function acknowledgeLogDelivery(role: iam.Role): void {
  acknowledge(
    role,
    'AwsSolutions-IAM5[Resource::*]',
    'The CloudWatch Logs delivery actions Step Functions logging needs support no resource-level permissions.',
  );
}
