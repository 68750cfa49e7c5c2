/**
 * The AWS composition root of the API: the same AppDeps local/runtime.ts builds, from AWS adapters — DynamoDB, Step
 * Functions for executions and task tokens, the publish and dry-run Lambdas for what the api's role may not do
 * itself, S3 for files, Cognito for identity. Clients are built once per container.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { Config } from '../config';
import { cognitoClaims, cognitoDirectory } from '../adapters/cognito-directory';
import type { CognitoIdp } from '../adapters/cognito-idp';
import { cognitoIdp } from '../adapters/cognito-idp';
import { createDb, createDynamoClient } from '../adapters/dynamodb';
import { randomIds } from '../adapters/ids';
import { remoteDryRunner, remotePublisher } from '../adapters/lambda-invoke';
import { scryptPasswords } from '../adapters/passwords';
import { s3FileStore } from '../adapters/s3-files';
import { createSfnClient, createWorkflowEngine } from '../adapters/sfn';
import { cognitoTokens } from '../adapters/tokens';
import type { TokenVerifier } from '../adapters/tokens';
import { workflowFunctionNames } from '../registry';
import type { AppDeps } from './deps';

export interface AwsClients {
  dynamo: DynamoDBClient;
  sfn: SFNClient;
  lambda: LambdaClient;
  s3: S3Client;
  idp: CognitoIdp;
  /** Checks Cognito ID tokens (aws-jwt-verify against the pool's JWKS); tests pass their own. */
  idTokens: TokenVerifier;
}

function required(config: Config, key: keyof Config, env: string): string {
  const value = config[key];
  if (typeof value !== 'string' || !value)
    throw new Error(`${env} is not set: the api Lambda needs it on AWS`);
  return value;
}

export function awsClients(config: Config): AwsClients {
  const dynamo = createDynamoClient({ region: config.region });
  return {
    dynamo,
    sfn: createSfnClient({ region: config.region }),
    lambda: new LambdaClient({ region: config.region }),
    // Checksums only when S3 requires them: a pre-signed PUT carries the client's own sha256 (s3-files.ts).
    s3: new S3Client({ region: config.region, requestChecksumCalculation: 'WHEN_REQUIRED' }),
    idp: cognitoIdp({ region: config.region, credentials: () => dynamo.config.credentials() }),
    idTokens: cognitoTokens(
      required(config, 'cognitoUserPoolId', 'COGNITO_USER_POOL_ID'),
      required(config, 'cognitoClientId', 'COGNITO_CLIENT_ID'),
    ),
  };
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
      ...remotePublisher(clients.lambda, required(config, 'publishFunction', 'PUBLISH_FUNCTION')),
    },
    functions: workflowFunctionNames,
    resolveFunction: (name) => config.functionArns[name] ?? name,
    dryRun: remoteDryRunner(clients.lambda, required(config, 'dryRunFunction', 'DRY_RUN_FUNCTION')),
    files: s3FileStore(clients.s3, { bucket: required(config, 'filesBucket', 'FILES_BUCKET') }),
    log,
  };
}
