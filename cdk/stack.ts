import type { StackProps } from 'aws-cdk-lib';
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, TimeZone } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type { Construct } from 'constructs';
import { ROLES } from '../lambdas/core/identity/roles';
import type { TaskFunction } from '../lambdas/registry';
import { taskFunctions, workflowFunctionNames } from '../lambdas/registry';
import type { DeployConfig } from './config';
import { CpApi } from './constructs/api';
import { CpCatalogue } from './constructs/catalogue';
import { CpFunction } from './constructs/cp-function';
import { CpData } from './constructs/data';
import { CpIdentity } from './constructs/identity';
import { CpNotifications } from './constructs/notifications';
import { CpObservability } from './constructs/observability';
import { CpSchedule } from './constructs/schedule';
import { CpWeb } from './constructs/web';
import { CpWorkflows } from './constructs/workflows';
import type { LambdaCode } from './lambda/code';
import { EsbuildCode } from './lambda/code';
import { allBundleSpecs, PLATFORM_BUNDLES } from './lambda/entries';
import { acknowledge } from './nag';
import { publicRoutes } from './public-routes';

export interface CpflowStackProps extends StackProps {
  readonly config: DeployConfig;
  /** How Lambda code is made. @default esbuild bundles (cdk/lambda/bundle.ts), made locally */
  readonly code?: LambdaCode;
  /** The task functions. @default the registry (lambdas/registry.ts) */
  readonly functions?: readonly TaskFunction[];
  /** Which of them workflows may call. @default the registry's workflowFunctionNames */
  readonly workflowFunctions?: ReadonlySet<string>;
  /** Changes per deploy so the catalogue loader runs on every deploy (see CpCatalogue). */
  readonly catalogueNonce: string;
}

export const EXECUTION_EVENTS_FUNCTION = 'cp-execution-events';
export const REMINDERS_FUNCTION = 'cp-reminders';
export const DASHBOARD_FUNCTION = 'cp-dashboard';

/** The whole of cpflow on AWS (ARCHITECTURE §4): one stack per stage. */
export class CpflowStack extends Stack {
  readonly data: CpData;
  readonly identity: CpIdentity;
  readonly workflows: CpWorkflows;
  readonly apiFunction: CpFunction;
  readonly api: CpApi;
  readonly web: CpWeb;
  readonly reminders: CpSchedule;
  readonly dashboard: CpSchedule;
  readonly catalogue: CpCatalogue;
  readonly observability: CpObservability;
  readonly notifications?: CpNotifications;

  constructor(scope: Construct, id: string, props: CpflowStackProps) {
    super(scope, id, props);
    const { config } = props;
    const code = props.code ?? new EsbuildCode();
    const functions = props.functions ?? taskFunctions;
    code.prepare?.(allBundleSpecs(functions));
    const prefix = `cpflow-${config.stage}-`;
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = config.retainData ? logs.RetentionDays.ONE_YEAR : logs.RetentionDays.ONE_WEEK;

    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-after-a-year', expiration: Duration.days(365) }],
      removalPolicy,
    });
    acknowledge(
      accessLogs,
      'AwsSolutions-S1',
      'This is the access-log bucket; logging its own access would loop.',
    );

    this.data = new CpData(this, 'Data', {
      removalPolicy,
      deletionProtection: config.retainData,
      accessLogs,
      filesBucketName: `${prefix}files-${Aws.ACCOUNT_ID}-${Aws.REGION}`,
    });

    this.identity = new CpIdentity(this, 'Identity', {
      roles: ROLES,
      mfa: cognito.Mfa[config.mfa],
      removalPolicy,
      deletionProtection: config.retainData,
    });

    if (config.senderEmail) {
      this.notifications = new CpNotifications(this, 'Notifications', { senderEmail: config.senderEmail });
    }
    const environment = {
      TABLE_NAME: this.data.table.tableName,
      ...(config.senderEmail ? { SENDER_EMAIL: config.senderEmail } : {}),
    };

    this.workflows = new CpWorkflows(this, 'Workflows', {
      functions,
      workflowFunctions: props.workflowFunctions ?? workflowFunctionNames,
      executionEventsFunction: EXECUTION_EVENTS_FUNCTION,
      asyncFunctions: new Set([EXECUTION_EVENTS_FUNCTION, REMINDERS_FUNCTION]),
      code,
      namePrefix: prefix,
      data: this.data,
      environment,
      logRetention,
      removalPolicy,
    });
    if (this.notifications) {
      for (const fn of this.workflows.taskFunctions.values()) this.notifications.grantSend(fn.role);
    }

    const platformEnv = {
      ...environment,
      STATE_MACHINE_PREFIX: prefix,
      FUNCTION_ARNS: this.toJsonString(
        this.workflows.functionArns(props.workflowFunctions ?? workflowFunctionNames),
      ),
      PUBLISH_FUNCTION: this.workflows.publishFunction.function.functionArn,
      COGNITO_USER_POOL_ID: this.identity.userPool.userPoolId,
      COGNITO_CLIENT_ID: this.identity.client.userPoolClientId,
    };
    this.apiFunction = new CpFunction(this, 'ApiFunction', {
      bundle: PLATFORM_BUNDLES.api,
      code,
      functionName: `${prefix}api`,
      description: 'The cpflow HTTP API (Hono)',
      timeout: Duration.seconds(29),
      memorySize: 1024,
      environment: {
        ...platformEnv,
        DRY_RUN_FUNCTION: this.workflows.dryRunFunction.function.functionArn,
        FILES_BUCKET: this.data.filesBucketName,
      },
      logRetention,
      removalPolicy,
    });
    this.data.grantReadWriteData(this.apiFunction.role);
    this.data.grantFiles(this.apiFunction.role);
    this.workflows.grantExecutions(this.apiFunction.role);
    this.workflows.grantPublish(this.apiFunction.role);
    this.workflows.grantDryRun(this.apiFunction.role);
    this.identity.grantUserAdministration(this.apiFunction.role);

    this.api = new CpApi(this, 'Api', {
      handler: this.apiFunction.function,
      jwtIssuer: this.identity.issuer,
      jwtAudience: [this.identity.client.userPoolClientId],
      publicRoutes: publicRoutes(),
      throttle: { rateLimit: config.apiRateLimit, burstLimit: config.apiBurstLimit },
      logRetention,
      removalPolicy,
    });

    this.web = new CpWeb(this, 'Web', {
      apiDomainName: this.api.domainName,
      filesDomainName: this.data.filesDomainName,
      accessLogs,
      removalPolicy,
      ...(config.webAssetsPath ? { assetsPath: config.webAssetsPath } : {}),
      ...(config.domain ? { domain: config.domain } : {}),
      ...(config.webAclArn ? { webAclArn: config.webAclArn } : {}),
    });
    this.data.allowBrowserOrigins(this.web.origins);

    this.reminders = new CpSchedule(this, 'Reminders', {
      functions: this.workflows.taskFunctions,
      functionName: REMINDERS_FUNCTION,
      purpose: 'the daily sweep of reminders, renewal rounds and overdue steps',
      schedule: scheduler.ScheduleExpression.cron({
        hour: String(config.reminderHour),
        minute: '0',
        timeZone: TimeZone.of(config.reminderTimeZone),
      }),
      removalPolicy,
    });
    this.dashboard = new CpSchedule(this, 'Dashboard', {
      functions: this.workflows.taskFunctions,
      functionName: DASHBOARD_FUNCTION,
      purpose: "recounts the administrators' dashboard snapshots",
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(config.dashboardRefreshMinutes)),
      removalPolicy,
    });

    this.catalogue = new CpCatalogue(this, 'Catalogue', {
      code,
      namePrefix: prefix,
      environment: platformEnv,
      data: this.data,
      workflows: this.workflows,
      identity: this.identity,
      ...(config.adminEmail ? { adminEmail: config.adminEmail } : {}),
      nonce: props.catalogueNonce,
      logRetention,
      removalPolicy,
    });

    const watched = [
      ...this.workflows.taskFunctions.values(),
      this.workflows.publishFunction,
      this.workflows.dryRunFunction,
      this.apiFunction,
      this.catalogue.loader,
    ];
    this.observability = new CpObservability(this, 'Observability', {
      workflows: this.workflows,
      functions: watched,
      deadLetterQueues: [
        this.workflows.executionEventsDeadLetters,
        ...watched.flatMap((f) => (f.deadLetterQueue ? [f.deadLetterQueue] : [])),
        ...[this.reminders, this.dashboard].flatMap((s) => (s.deadLetterQueue ? [s.deadLetterQueue] : [])),
      ],
      httpApi: this.api.httpApi,
      ...(config.alarmEmail ? { alarmEmail: config.alarmEmail } : {}),
      logRetention,
      removalPolicy,
    });

    new CfnOutput(this, 'WebUrl', { value: this.web.origins.at(-1)! });
    new CfnOutput(this, 'ApiUrl', { value: this.api.httpApi.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'StateMachinePrefix', { value: prefix });
    new CfnOutput(this, 'AlarmTopic', { value: this.observability.topic.topicArn });
  }
}
