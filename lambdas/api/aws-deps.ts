/**
 * The AWS composition root of the API: the same AppDeps local/runtime.ts builds, from AWS adapters — DynamoDB, Step
 * Functions for executions and task tokens, the publish and dry-run Lambdas for what the api's role may not do
 * itself, S3 for files, Cognito for identity. Clients are built once per container.
 *
 * What only some requests need — S3 (files) and the Lambda client (publish, validate, dry run: administrators) — is
 * imported on first use: the bundler puts it in chunks the cold start does not load.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { Config } from '../config';
import { cognitoClaims, cognitoDirectory } from '../adapters/cognito-directory';
import type { CognitoIdp } from '../adapters/cognito-idp';
import { cognitoIdp } from '../adapters/cognito-idp';
import { createDb, createDynamoClient } from '../adapters/dynamodb';
import { randomIds } from '../adapters/ids';
import { scryptPasswords } from '../adapters/passwords';
import { createSfnClient, createWorkflowEngine } from '../adapters/sfn';
import type { TokenVerifier } from '../adapters/tokens';
import { cognitoTokens } from '../adapters/tokens';
import type { DryRunner, WorkflowEngine } from '../core/definitions/engine';
import type { FileStore } from '../core/files/files';
import { workflowFunctionNames } from '../registry';
import type { AppDeps } from './deps';

export interface AwsClients {
  dynamo: DynamoDBClient;
  sfn: SFNClient;
  /** Made on first use. */
  lambda: () => Promise<LambdaClient>;
  /** Made on first use. */
  s3: () => Promise<S3Client>;
  idp: CognitoIdp;
  /** Checks Cognito ID tokens (aws-jwt-verify against the pool's JWKS); tests pass their own. */
  idTokens: TokenVerifier;
}

/** `load` runs once, on the first call; later calls share its promise. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
}

function required(config: Config, key: keyof Config, env: string): string {
  const value = config[key];
  if (typeof value !== 'string' || !value)
    throw new Error(`${env} is not set: the api Lambda needs it on AWS`);
  return value;
}

export function awsClients(config: Config): AwsClients {
  // Endpoints are unset on AWS; set, they point the same code at the embedded servers (tests).
  const dynamo = createDynamoClient({ endpoint: config.dynamodbEndpoint, region: config.region });
  return {
    dynamo,
    sfn: createSfnClient({ endpoint: config.sfnEndpoint, region: config.region }),
    lambda: once(
      async () => new (await import('@aws-sdk/client-lambda')).LambdaClient({ region: config.region }),
    ),
    // Checksums only when S3 requires them: a pre-signed PUT carries the client's own sha256 (s3-files.ts).
    s3: once(
      async () =>
        new (await import('@aws-sdk/client-s3')).S3Client({
          region: config.region,
          requestChecksumCalculation: 'WHEN_REQUIRED',
        }),
    ),
    idp: cognitoIdp({ region: config.region }),
    idTokens: cognitoTokens(
      required(config, 'cognitoUserPoolId', 'COGNITO_USER_POOL_ID'),
      required(config, 'cognitoClientId', 'COGNITO_CLIENT_ID'),
    ),
  };
}

function s3Files(clients: AwsClients, bucket: string): FileStore {
  const store = once(async () =>
    (await import('../adapters/s3-files')).s3FileStore(await clients.s3(), { bucket }),
  );
  return {
    uploadTarget: async (f) => (await store()).uploadTarget(f),
    isStored: async (f) => (await store()).isStored(f),
    downloadUrl: async (f) => (await store()).downloadUrl(f),
  };
}

function publisher(clients: AwsClients, functionName: string): Pick<WorkflowEngine, 'validate' | 'publish'> {
  const remote = once(async () =>
    (await import('../adapters/lambda-invoke')).remotePublisher(await clients.lambda(), functionName),
  );
  return {
    validate: async (...a) => (await remote()).validate(...a),
    publish: async (...a) => (await remote()).publish(...a),
  };
}

function dryRunner(clients: AwsClients, functionName: string): DryRunner {
  const remote = once(async () =>
    (await import('../adapters/lambda-invoke')).remoteDryRunner(await clients.lambda(), functionName),
  );
  return async (request) => (await remote())(request);
}

export function awsAppDeps(config: Config, clients: AwsClients, log: AppDeps['log']): AppDeps {
  const db = createDb(clients.dynamo, config.tableName);
  const clock = { now: () => Date.now() };
  const ports = { db, clock, ids: randomIds };
  const verifier = cognitoClaims(clients.idTokens);
  return {
    ...ports,
    config,
    passwords: scryptPasswords,
    verifier,
    directory: cognitoDirectory(ports, {
      userPoolId: required(config, 'cognitoUserPoolId', 'COGNITO_USER_POOL_ID'),
      clientId: required(config, 'cognitoClientId', 'COGNITO_CLIENT_ID'),
      idp: clients.idp,
      verifier,
    }),
    engine: {
      ...createWorkflowEngine(clients.sfn, {
        region: config.region,
        namePrefix: config.stateMachinePrefix,
        roleArn: config.stateMachineRoleArn,
      }),
      ...publisher(clients, required(config, 'publishFunction', 'PUBLISH_FUNCTION')),
    },
    functions: workflowFunctionNames,
    resolveFunction: (name) => config.functionArns[name] ?? name,
    dryRun: dryRunner(clients, required(config, 'dryRunFunction', 'DRY_RUN_FUNCTION')),
    files: s3Files(clients, required(config, 'filesBucket', 'FILES_BUCKET')),
    log,
  };
}
