/**
 * The only module that reads the environment (ARCHITECTURE §10). Precedence: explicit override > environment >
 * default. Everything else receives a Config.
 */
export interface Config {
  port: number;
  dataDir: string;
  /** Set: use that DynamoDB server and start none. */
  dynamodbEndpoint?: string;
  dynamodbLocalPort: number;
  /** Set: use that Step Functions endpoint and start no engine. */
  sfnEndpoint?: string;
  sfnLocalPort: number;
  lambdaEndpoint?: string;
  tableName: string;
  region: string;
  /** AWS only: the Cognito user pool whose ID tokens the API accepts. */
  cognitoUserPoolId?: string;
  cognitoClientId?: string;
  /** State machines are named `<prefix><workflowId>`. */
  stateMachinePrefix: string;
  /** The IAM role published state machines run as (AWS; any well-formed ARN locally). */
  stateMachineRoleArn: string;
  stateMachineLogGroupArn?: string;
  /** AWS only: logical task function name → deployed function ARN (JSON in FUNCTION_ARNS). */
  functionArns: Record<string, string>;
  /** AWS only: the S3 bucket that holds uploaded files. */
  filesBucket?: string;
  /** AWS only: the Lambda (name or ARN) that validates and publishes state machines for the api. */
  publishFunction?: string;
  /** AWS only: the Lambda (name or ARN) that runs dry runs on an in-memory engine for the api. */
  dryRunFunction?: string;
  /** The verified SES sender address notifications come from, when configured. */
  senderEmail?: string;
  /** Largest JSON request body, in bytes. */
  maxBodyBytes: number;
  logLevel: string;
  /** Local runtime: minutes between dashboard roll-ups (`cp-dashboard`); 0 turns the schedule off. */
  dashboardRefreshMinutes: number;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return n;
}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const opt = (name: string) => (env[name] ? env[name] : undefined);
  return {
    port: int(env, 'PORT', 3000),
    dataDir: env.DATA_DIR || './.data',
    dynamodbEndpoint: opt('DYNAMODB_ENDPOINT'),
    dynamodbLocalPort: int(env, 'DYNAMODB_LOCAL_PORT', 8000),
    sfnEndpoint: opt('SFN_ENDPOINT'),
    sfnLocalPort: int(env, 'SFN_LOCAL_PORT', 8083),
    lambdaEndpoint: opt('LAMBDA_ENDPOINT'),
    tableName: env.TABLE_NAME || 'cpflow',
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1',
    cognitoUserPoolId: opt('COGNITO_USER_POOL_ID'),
    cognitoClientId: opt('COGNITO_CLIENT_ID'),
    stateMachinePrefix: env.STATE_MACHINE_PREFIX || 'cpflow-',
    stateMachineRoleArn:
      env.STATE_MACHINE_ROLE_ARN || 'arn:aws:iam::123456789012:role/cpflow-local-workflows',
    stateMachineLogGroupArn: opt('STATE_MACHINE_LOG_GROUP_ARN'),
    functionArns: env.FUNCTION_ARNS ? (JSON.parse(env.FUNCTION_ARNS) as Record<string, string>) : {},
    filesBucket: opt('FILES_BUCKET'),
    publishFunction: opt('PUBLISH_FUNCTION'),
    dryRunFunction: opt('DRY_RUN_FUNCTION'),
    senderEmail: opt('SENDER_EMAIL'),
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 1024 * 1024),
    logLevel: env.LOG_LEVEL || 'INFO',
    dashboardRefreshMinutes: int(env, 'DASHBOARD_REFRESH_MINUTES', 10),
    ...overrides,
  };
}
