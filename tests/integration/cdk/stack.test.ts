/**
 * The AWS stack, asserted by resource properties (no whole-template snapshot), with the AwsSolutions cdk-nag pack
 * and the CDK's CloudFormation validation run on the full configuration. Synthesis, not deployment: no AWS calls.
 */
import { Match } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableShape } from '../../../lambdas/core/db/table';
import { ROLES } from '../../../lambdas/core/identity/roles';
import { taskFunctions, workflowFunctionNames } from '../../../lambdas/registry';
import { publicRoutes } from '../../../cdk/public-routes';
import type { Synthesised } from './support';
import { asList, functionNamesById, roleIdOf, starterFunctionNames, statementsOf, synth } from './support';

const FULL = {
  stage: 'test',
  senderEmail: 'no-reply@cp.example.cn',
  alarmEmail: 'ops@cp.example.cn',
  adminEmail: 'admin@cp.example.cn',
  domainName: 'cp.example.cn',
  certificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/0000',
};
const PREFIX = 'cpflow-test-';

let full: Synthesised;

beforeAll(() => {
  full = synth(FULL, { validate: true });
}, 240_000);

const byName = (s: Synthesised) =>
  new Map([...functionNamesById(s.template)].map(([id, name]) => [name, id]));

describe('cdk-nag', () => {
  it('passes the AwsSolutions pack (and CloudFormation validation) with every finding acknowledged in code', () => {
    // synth() throws on an unacknowledged finding, so getting here is the pass; the report agrees.
    for (const r of full.report?.pluginReports ?? []) expect(r).toMatchObject({ conclusion: 'success' });
  });

  it('really runs in these tests: one unacknowledged finding fails the synth', () => {
    expect(() =>
      synth(
        { stage: 'nag' },
        {
          mutate: (stack) => {
            new sqs.Queue(stack, 'PlainQueue'); // no TLS-only policy, no dead-letter queue
          },
        },
      ),
    ).toThrow(/AwsSolutions-SQS4/);
  }, 120_000);

  it('passes for the smallest configuration too (no domain, e-mail or reminders; throw-away data)', () => {
    expect(() =>
      synth(
        { stage: 'tmp', retainData: 'false', mfa: 'REQUIRED' },
        { props: { functions: taskFunctions.filter((f) => f.name !== 'cp-reminders') } },
      ),
    ).not.toThrow();
  }, 120_000);
});

describe('data', () => {
  it('builds the table from the declared shape, with PITR, encryption, deletion protection and TTL', () => {
    full.template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        KeySchema: [
          { AttributeName: tableShape.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableShape.sortKey, KeyType: 'RANGE' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        GlobalSecondaryIndexes: tableShape.indexes.map((i) =>
          Match.objectLike({
            IndexName: i.name,
            KeySchema: [
              { AttributeName: i.partitionKey, KeyType: 'HASH' },
              { AttributeName: i.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          }),
        ),
        TimeToLiveSpecification: { AttributeName: tableShape.ttlAttribute, Enabled: true },
        SSESpecification: { SSEEnabled: true },
        Replicas: [
          Match.objectLike({
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
  });

  it('keeps files in a private, encrypted, TLS-only bucket with lifecycle rules and browser CORS', () => {
    full.template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketName: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            Match.objectLike({
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
              Status: 'Enabled',
            }),
            Match.objectLike({
              Transitions: [{ StorageClass: 'INTELLIGENT_TIERING', TransitionInDays: 30 }],
            }),
            Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 90 } }),
          ]),
        },
        CorsConfiguration: {
          CorsRules: [
            Match.objectLike({
              AllowedMethods: ['PUT', 'GET'],
              AllowedHeaders: ['content-type', 'x-amz-checksum-sha256'],
              AllowedOrigins: Match.arrayWith(['https://cp.example.cn']),
            }),
          ],
        },
      }),
    });
    // enforceSSL: every bucket refuses plain HTTP.
    const policies = full.template.findResources('AWS::S3::BucketPolicy');
    expect(Object.keys(policies).length).toBe(
      Object.keys(full.template.findResources('AWS::S3::Bucket')).length,
    );
    for (const p of Object.values(policies)) {
      expect(JSON.stringify(p)).toContain('"aws:SecureTransport":"false"');
    }
  });
});

describe('identity', () => {
  it('is a Cognito pool with one group per role, the cpflow custom attributes and optional TOTP MFA', () => {
    full.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 10, RequireSymbols: true }) },
    });
    for (const attribute of [
      { Name: 'userId', Mutable: false },
      { Name: 'orgId', Mutable: false },
      { Name: 'region', Mutable: true },
    ]) {
      full.template.hasResourceProperties('AWS::Cognito::UserPool', {
        Schema: Match.arrayWith([Match.objectLike({ ...attribute, AttributeDataType: 'String' })]),
      });
    }
    const groups = Object.values(full.template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => (g as { Properties: { GroupName: string } }).Properties.GroupName,
    );
    expect(groups.sort()).toEqual([...ROLES].sort());
  });

  it('lets the web client sign in with a password but never write organisation, region or id', () => {
    full.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
      GenerateSecret: false,
      PreventUserExistenceErrors: 'ENABLED',
      WriteAttributes: ['name'],
      ReadAttributes: Match.arrayWith(['custom:orgId', 'custom:region', 'custom:userId']),
    });
  });
});

describe('api', () => {
  it('authorises /api/{proxy+} with a JWT authoriser on the pool’s ID tokens', () => {
    full.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: Match.stringLikeRegexp('IdentityUsersWeb') }],
        Issuer: Match.objectLike({ 'Fn::Join': Match.anyValue() }),
      },
    });
    full.template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'ANY /api/{proxy+}',
      AuthorizationType: 'JWT',
    });
  });

  it('serves exactly the app’s open routes without a token', () => {
    const routes = Object.values(full.template.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => (r as { Properties: { RouteKey: string; AuthorizationType?: string } }).Properties,
    );
    const open = routes.filter((r) => (r.AuthorizationType ?? 'NONE') === 'NONE').map((r) => r.RouteKey);
    expect(open.sort()).toEqual(
      publicRoutes()
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    );
    expect(open).toContain('POST /api/auth/login');
  });

  it('throttles the stage and writes JSON access logs', () => {
    full.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('"requestId"') },
    });
  });

  it('gives the api Lambda executions, task tokens and the publish Lambda — but no right to create state machines', () => {
    const api = byName(full).get(`${PREFIX}api`)!;
    const statements = statementsOf(full.template, roleIdOf(full.template, api));
    const actions = statements.flatMap((s) => asList(s.Action as string | string[]));
    expect(actions).toEqual(
      expect.arrayContaining(['states:StartExecution', 'states:SendTaskSuccess', 'states:StopExecution']),
    );
    expect(actions.filter((a) => /^states:(Create|Update|Publish)|^iam:PassRole/.test(a))).toEqual([]);
    expect(actions).toEqual(expect.arrayContaining(['lambda:InvokeFunction', 'cognito-idp:AdminCreateUser']));
    full.template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: `${PREFIX}api`,
      Environment: {
        Variables: Match.objectLike({
          TABLE_NAME: Match.anyValue(),
          FUNCTION_ARNS: Match.anyValue(),
          STATE_MACHINE_PREFIX: PREFIX,
          PUBLISH_FUNCTION: Match.anyValue(),
          DRY_RUN_FUNCTION: Match.anyValue(),
          FILES_BUCKET: Match.anyValue(),
          COGNITO_USER_POOL_ID: Match.anyValue(),
          COGNITO_CLIENT_ID: Match.anyValue(),
        }),
      },
    });
  });
});

describe('workflows', () => {
  it('deploys one Lambda per registry entry: Node.js 24 on arm64, JSON logs in its own log group', () => {
    const names = byName(full);
    for (const f of taskFunctions) {
      expect(names.has(`${PREFIX}${f.name}`), f.name).toBe(true);
      full.template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `${PREFIX}${f.name}`,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Timeout: f.timeoutSeconds,
        MemorySize: f.memoryMb,
        LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
      });
    }
    // No AWS managed policy anywhere: each role writes only its own log group unless granted more.
    for (const role of Object.values(full.template.findResources('AWS::IAM::Role'))) {
      const managed =
        (role as { Properties: { ManagedPolicyArns?: unknown[] } }).Properties.ManagedPolicyArns ?? [];
      const onlyDeployment = JSON.stringify(role).includes('CDKBucketDeployment');
      if (!onlyDeployment) expect(managed).toEqual([]);
    }
  });

  it('has every FunctionName of the starter workflows deployed, and the state-machine role may invoke exactly the workflow functions', () => {
    const used = starterFunctionNames();
    expect(used.size).toBeGreaterThan(0);
    const names = byName(full);
    for (const [name, where] of used) {
      expect(names.has(`${PREFIX}${name}`), `${name} (named in ${where[0]})`).toBe(true);
      expect(workflowFunctionNames.has(name), `${name} is callable from workflows`).toBe(true);
    }

    const roles = full.template.findResources('AWS::IAM::Role', {
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [Match.objectLike({ Principal: { Service: 'states.amazonaws.com' } })],
        },
      },
    });
    expect(Object.keys(roles)).toHaveLength(1);
    const statements = statementsOf(full.template, Object.keys(roles)[0]!);
    const invoke = statements.filter((s) => asList(s.Action as string[]).includes('lambda:InvokeFunction'));
    expect(invoke).toHaveLength(1);
    const ids = new Map([...names].map(([n, id]) => [id, n]));
    const invocable = asList(invoke[0]!.Resource as { 'Fn::GetAtt': [string, string] }[]).map((r) => {
      expect(r['Fn::GetAtt'][1]).toBe('Arn'); // the function itself: no `:*`, no other versions or aliases
      return ids.get(r['Fn::GetAtt'][0])!;
    });
    expect(invocable.sort()).toEqual([...workflowFunctionNames].map((n) => `${PREFIX}${n}`).sort());
    expect(invocable).not.toContain(`${PREFIX}cp-execution-events`);
    for (const name of used.keys()) expect(invocable).toContain(`${PREFIX}${name}`);
    // Besides invoking: child workflows under the prefix, and log delivery. Nothing else.
    expect(statements.flatMap((s) => asList(s.Action as string[])).sort()).toEqual(
      [
        'lambda:InvokeFunction',
        'states:StartExecution',
        'states:DescribeExecution',
        'states:StopExecution',
        'events:PutTargets',
        'events:PutRule',
        'events:DescribeRule',
        'logs:CreateLogDelivery',
        'logs:GetLogDelivery',
        'logs:UpdateLogDelivery',
        'logs:DeleteLogDelivery',
        'logs:ListLogDeliveries',
        'logs:PutResourcePolicy',
        'logs:DescribeResourcePolicies',
        'logs:DescribeLogGroups',
      ].sort(),
    );
  });

  it('lets only the publish Lambda create and publish state machines under the prefix, passing exactly the state-machine role', () => {
    const publish = byName(full).get(`${PREFIX}publish`)!;
    const statements = statementsOf(full.template, roleIdOf(full.template, publish));
    const publishing = statements.find((s) => s.Sid === 'PublishUnderPrefix')!;
    expect(asList(publishing.Action as string[])).toEqual(
      expect.arrayContaining([
        'states:CreateStateMachine',
        'states:UpdateStateMachine',
        'states:PublishStateMachineVersion',
        'states:CreateStateMachineAlias',
        'states:UpdateStateMachineAlias',
      ]),
    );
    expect(JSON.stringify(publishing.Resource)).toContain(`:stateMachine:${PREFIX}*`);
    const validate = statements.find((s) => s.Sid === 'ValidateAndFind')!;
    expect(asList(validate.Action as string[])).toContain('states:ValidateStateMachineDefinition');
    const pass = statements.find((s) => s.Sid === 'PassTheStateMachineRole')!;
    expect(pass).toMatchObject({
      Action: 'iam:PassRole',
      Condition: { StringEquals: { 'iam:PassedToService': 'states.amazonaws.com' } },
    });
    const smRole = Object.keys(
      full.template.findResources('AWS::IAM::Role', {
        Properties: {
          AssumeRolePolicyDocument: {
            Statement: [Match.objectLike({ Principal: { Service: 'states.amazonaws.com' } })],
          },
        },
      }),
    )[0]!;
    expect(pass.Resource).toEqual({ 'Fn::GetAtt': [smRole, 'Arn'] });
    // Only it: no other role may create state machines or pass roles.
    const others = Object.keys(full.template.findResources('AWS::IAM::Policy')).filter(
      (id) =>
        !JSON.stringify(full.template.findResources('AWS::IAM::Policy')[id]).includes(
          roleIdOf(full.template, publish),
        ),
    );
    for (const id of others) {
      const text = JSON.stringify(full.template.findResources('AWS::IAM::Policy')[id]);
      expect(text, id).not.toMatch(/states:CreateStateMachine|iam:PassRole/);
    }
  });

  it('routes status changes of executions under the prefix to cp-execution-events, with a dead-letter queue', () => {
    const target = byName(full).get(`${PREFIX}cp-execution-events`)!;
    full.template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.states'],
        'detail-type': ['Step Functions Execution Status Change'],
        detail: {
          stateMachineArn: [
            {
              prefix: Match.objectLike({
                'Fn::Join': Match.arrayWith([Match.arrayWith([`:stateMachine:${PREFIX}`])]),
              }),
            },
          ],
        },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [target, 'Arn'] },
          DeadLetterConfig: { Arn: Match.anyValue() },
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 8 }),
        }),
      ],
    });
    full.template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: `${PREFIX}cp-execution-events`,
      DeadLetterConfig: { TargetArn: Match.anyValue() },
    });
  });
});

describe('scheduling and notifications', () => {
  it('runs cp-reminders daily at 08:00 Beijing time when the registry has it', () => {
    const reminders = byName(full).get(`${PREFIX}cp-reminders`);
    expect(reminders, 'cp-reminders is registered').toBeDefined();
    full.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 * * ? *)',
      ScheduleExpressionTimezone: 'Asia/Shanghai',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [reminders, 'Arn'] },
        DeadLetterConfig: { Arn: Match.anyValue() },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 3 }),
      }),
    });
  });

  it('recounts the dashboard with cp-dashboard every 10 minutes (context dashboardRefreshMinutes)', () => {
    const dashboard = byName(full).get(`${PREFIX}cp-dashboard`);
    expect(dashboard, 'cp-dashboard is registered').toBeDefined();
    full.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(10 minutes)',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [dashboard, 'Arn'] },
        DeadLetterConfig: { Arn: Match.anyValue() },
      }),
    });
    full.template.resourceCountIs('AWS::Scheduler::Schedule', 2);
  });

  it('creates no schedule when cp-reminders and cp-dashboard are not registered, and no SES identity without a sender', () => {
    const small = synth(
      { stage: 'small' },
      {
        props: {
          functions: taskFunctions.filter((f) => f.name !== 'cp-reminders' && f.name !== 'cp-dashboard'),
        },
      },
    );
    small.template.resourceCountIs('AWS::Scheduler::Schedule', 0);
    small.template.resourceCountIs('AWS::SES::EmailIdentity', 0);
    expect(small.stack.reminders.schedule).toBeUndefined();
  }, 120_000);

  it('creates the SES sender identity when configured and lets task functions send only from it', () => {
    full.template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: FULL.senderEmail });
    const openTask = byName(full).get(`${PREFIX}cp-open-task`)!;
    const send = statementsOf(full.template, roleIdOf(full.template, openTask)).find((s) =>
      asList(s.Action as string[]).includes('ses:SendEmail'),
    );
    expect(send).toMatchObject({ Condition: { StringEquals: { 'ses:FromAddress': FULL.senderEmail } } });
  });
});

describe('web', () => {
  it('serves the app from a private bucket through CloudFront with origin access control', () => {
    full.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    full.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['cp.example.cn'],
        DefaultRootObject: 'index.html',
        ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021' }),
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
        }),
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/api/*',
            AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
            CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // CachingDisabled
          }),
        ],
      }),
    });
  });

  it('adds security headers (CSP allowing the files bucket, HSTS, DENY framing, nosniff)', () => {
    full.template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: {
            Override: true,
            ContentSecurityPolicy: Match.objectLike({
              'Fn::Join': Match.arrayWith([Match.arrayWith([Match.stringLikeRegexp("default-src 'self'")])]),
            }),
          },
          StrictTransportSecurity: Match.objectLike({
            AccessControlMaxAgeSec: 63072000,
            IncludeSubdomains: true,
          }),
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentTypeOptions: { Override: true },
        }),
      }),
    });
  });

  it('falls back to index.html for app routes in a CloudFront Function (API 404s stay JSON)', () => {
    full.template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: Match.stringLikeRegexp("request.uri = '/index.html'"),
    });
  });
});

describe('observability', () => {
  it('alarms on failed and timed-out executions under the prefix through EventBridge-matched events', () => {
    for (const status of ['FAILED', 'TIMED_OUT']) {
      full.template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: Match.objectLike({ detail: Match.objectLike({ status: [status] }) }),
      });
    }
    const alarms = Object.values(full.template.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => (a as { Properties: Record<string, unknown> }).Properties,
    );
    expect(
      alarms.filter((a) => a.Namespace === 'AWS/Events' && a.MetricName === 'MatchedEvents'),
    ).toHaveLength(2);
    const policy = Object.values(full.template.findResources('AWS::Logs::ResourcePolicy'));
    expect(policy).toHaveLength(1);
    expect(JSON.stringify(policy[0])).toContain('events.amazonaws.com');
  });

  it('alarms on every Lambda’s errors, every dead-letter queue and API 5xx, all to an encrypted topic', () => {
    const alarms = Object.values(full.template.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => (a as { Properties: Record<string, unknown> }).Properties,
    );
    const ours = [...functionNamesById(full.template).values()].filter((n) => n.startsWith(PREFIX));
    expect(alarms.filter((a) => a.MetricName === 'Errors')).toHaveLength(ours.length);
    const queues = Object.keys(full.template.findResources('AWS::SQS::Queue')).length;
    expect(alarms.filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible')).toHaveLength(queues);
    expect(alarms.filter((a) => a.MetricName === '5xx')).toHaveLength(1);
    const topic = Object.keys(full.template.findResources('AWS::SNS::Topic'))[0]!;
    for (const a of alarms) expect(a.AlarmActions).toEqual([{ Ref: topic }]);
    full.template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    full.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: FULL.alarmEmail,
    });
  });
});

describe('starter catalogue', () => {
  it('loads on every deploy through a custom resource that carries the catalogue hash and the admin e-mail', () => {
    const loader = byName(full).get(`${PREFIX}catalogue-loader`)!;
    full.template.hasResourceProperties('Custom::CpflowCatalogue', {
      ServiceToken: { 'Fn::GetAtt': [loader, 'Arn'] },
      CatalogueHash: Match.stringLikeRegexp('^[0-9a-f]{64}$'),
      Nonce: 'test',
      AdminEmail: FULL.adminEmail,
    });
  });
});
