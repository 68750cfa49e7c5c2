import type { RemovalPolicy } from 'aws-cdk-lib';
import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { CpFunction } from './cp-function';
import type { CpWorkflows } from './workflows';

export interface CpObservabilityProps {
  readonly workflows: CpWorkflows;
  /** Every Lambda to watch for errors. */
  readonly functions: readonly CpFunction[];
  /** Dead-letter queues to watch for anything arriving. */
  readonly deadLetterQueues: readonly sqs.IQueue[];
  readonly httpApi: apigw.IHttpApi;
  /** Who is told when an alarm fires; absent: the topic has no subscriber (subscribe later). */
  readonly alarmEmail?: string;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/** An EventBridge target writing matched events to a log group, with the log group's own resource policy. */
class LogGroupTarget implements events.IRuleTarget {
  constructor(private readonly logGroup: logs.LogGroup) {}
  bind(): events.RuleTargetConfig {
    const stack = Stack.of(this.logGroup);
    const arn = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: this.logGroup.logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    return { arn };
  }
}

/**
 * Alarms, all on one SNS topic: failed and timed-out executions, Lambda errors, anything in a dead-letter queue,
 * API 5xx. Executions are counted per cpflow prefix rather than per state machine — AWS/States metrics carry one
 * StateMachineArn each, and the machines are created at run time, after the alarms — so an EventBridge rule per
 * status (FAILED, TIMED_OUT) matches the prefix, writes each event to a log group (the record of what failed),
 * and the alarm watches the rule's own MatchedEvents metric.
 */
export class CpObservability extends Construct {
  readonly topic: sns.Topic;
  readonly failedExecutions: logs.LogGroup;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly executionRules: ReadonlyMap<string, events.Rule>;

  constructor(scope: Construct, id: string, props: CpObservabilityProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.topic = new sns.Topic(this, 'Alarms', {
      displayName: `cpflow alarms (${stack.stackName})`,
      masterKey: kms.Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    const action = new actions.SnsAction(this.topic);
    const alarm = (alarmId: string, metric: cloudwatch.IMetric, description: string) => {
      const a = new cloudwatch.Alarm(this, alarmId, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(action);
      this.alarms.push(a);
      return a;
    };

    this.failedExecutions = new logs.LogGroup(this, 'FailedExecutions', {
      logGroupName: `/cpflow/${stack.stackName}/failed-executions`,
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    const policy = new logs.CfnResourcePolicy(this, 'FailedExecutionsPolicy', {
      policyName: `${stack.stackName}-failed-executions`,
      policyDocument: stack.toJsonString(
        new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              principals: [new iam.ServicePrincipal('events.amazonaws.com')],
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [this.failedExecutions.logGroupArn],
            }),
          ],
        }).toJSON(),
      ),
    });
    const rules = new Map<string, events.Rule>();
    for (const status of ['FAILED', 'TIMED_OUT']) {
      const name = status === 'FAILED' ? 'Failed' : 'TimedOut';
      const rule = new events.Rule(this, `Executions${name}`, {
        description: `cpflow executions that ended ${status}`,
        eventPattern: props.workflows.executionEventPattern([status]),
        targets: [new LogGroupTarget(this.failedExecutions)],
      });
      rule.node.addDependency(policy);
      rules.set(status, rule);
      alarm(
        `Executions${name}Alarm`,
        new cloudwatch.Metric({
          namespace: 'AWS/Events',
          metricName: 'MatchedEvents',
          dimensionsMap: { RuleName: rule.ruleName },
          statistic: 'Sum',
          period: Duration.minutes(5),
        }),
        `A cpflow execution ended ${status}; see log group ${this.failedExecutions.logGroupName}`,
      );
    }
    this.executionRules = rules;

    for (const fn of props.functions) {
      alarm(
        `${fn.node.id}Errors`,
        fn.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        `${fn.function.functionName} raised errors`,
      );
    }
    props.deadLetterQueues.forEach((q, i) =>
      alarm(
        `DeadLetters${i}`,
        q.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        `Events are waiting in dead-letter queue ${q.queueName}`,
      ),
    );
    alarm(
      'Api5xx',
      new cloudwatch.Metric({
        namespace: 'AWS/ApiGateway',
        metricName: '5xx',
        dimensionsMap: { ApiId: props.httpApi.apiId },
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      'The API answered 5xx',
    );
  }
}
