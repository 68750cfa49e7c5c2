/**
 * The local composition root: embedded DynamoDB (unless DYNAMODB_ENDPOINT), the table, the embedded Step Functions
 * engine (unless SFN_ENDPOINT) running the task Lambdas in-process, the adapters, and the API app. `npm start`
 * (main.ts) serves it; integration tests start it on ephemeral ports with a temp DATA_DIR.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../lambdas/config';
import { createDb, createDynamoClient } from '../lambdas/adapters/dynamodb';
import { createHttpDb } from '../lambdas/adapters/dynamodb-http';
import { randomIds } from '../lambdas/adapters/ids';
import { localFileStore } from '../lambdas/adapters/local-files';
import type { LifecyclePorts } from '../lambdas/adapters/mailer-runtime';
import { outboxMailer } from '../lambdas/adapters/mailer-outbox';
import { httpWebhookSender } from '../lambdas/adapters/webhook';
import { scryptPasswords } from '../lambdas/adapters/passwords';
import { createSfnClient, createWorkflowEngine } from '../lambdas/adapters/sfn';
import { localTokens } from '../lambdas/adapters/tokens';
import { createApp } from '../lambdas/api/app';
import type { AppDeps } from '../lambdas/api/deps';
import type { Clock } from '../lambdas/core/ports';
import { workflowFunctionNames } from '../lambdas/registry';
import type { TaskDeps } from '../lambdas/task-runtime';
import { createDryRunner } from './dry-run';
import type { EmbeddedDynamo } from './dynamodb';
import { ensureTable, startEmbeddedDynamo } from './dynamodb';
import { inProcessTokenCalls } from './engine-tokens';
import type { Db } from '../lambdas/core/db/port';
import { functionName } from '../lambdas/core/definitions/asl';
import type { Engine, LambdaInvoker } from './stepfunctions';
import { startEngine } from './stepfunctions';
import { registryInvoker } from './tasks';

export interface LocalRuntime {
  config: Config;
  deps: AppDeps & LifecyclePorts;
  taskDeps: TaskDeps & LifecyclePorts;
  /** Where the local mailer writes its messages (`<time>-<id>.eml`). */
  outboxDir: string;
  app: ReturnType<typeof createApp>;
  dynamodbEndpoint: string;
  /** The embedded DynamoDB, when this runtime started one. */
  embeddedDynamo?: EmbeddedDynamo;
  sfnEndpoint: string;
  engine?: Engine;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Keep DynamoDB and engine data in memory (tests); default: under DATA_DIR. */
  inMemory?: boolean;
  clock?: Clock;
  log?: AppDeps['log'];
  /** Benchmarks: wraps the Db port every component uses (the cost benchmark meters index writes there). */
  wrapDb?: (db: Db) => Db;
  /** Benchmarks: told of every task Lambda invocation (logical name, wall time in ms). */
  onInvoke?: (name: string, ms: number) => void;
}

function loadSecret(dataDir: string): Uint8Array {
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  return Buffer.from(readFileSync(file, 'utf8'), 'base64');
}

export async function startLocalRuntime(config: Config, opts: RuntimeOptions = {}): Promise<LocalRuntime> {
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const log = opts.log ?? ((message: string, extra?: unknown) => console.error(message, extra ?? ''));
  const embedded = config.dynamodbEndpoint
    ? undefined
    : await startEmbeddedDynamo({
        port: config.dynamodbLocalPort,
        ...(opts.inMemory ? {} : { path: join(dataDir, 'dynamodb') }),
      });
  const dynamodbEndpoint = config.dynamodbEndpoint ?? embedded!.endpoint;
  const dynamo = createDynamoClient({
    endpoint: dynamodbEndpoint,
    region: config.region,
    unsigned: !config.dynamodbEndpoint,
  });
  await ensureTable(dynamo, config.tableName);
  const clock = opts.clock ?? { now: () => Date.now() };
  // The embedded store gets the direct client (D18) over the store's own channel (D20); an external endpoint
  // (DynamoDB Local, AWS) the SDK's.
  const direct = embedded
    ? createHttpDb({
        endpoint: dynamodbEndpoint,
        tableName: config.tableName,
        region: config.region,
        send: embedded.send,
      })
    : undefined;
  const base = direct ?? createDb(dynamo, config.tableName);
  const db = opts.wrapDb ? opts.wrapDb(base) : base;

  // The engine may resume executions (and call task Lambdas) as soon as it starts, before its URL is known to
  // the SFN client the Lambdas use; they wait for their deps on this promise.
  let provide!: (d: TaskDeps) => void;
  const taskDepsReady = new Promise<TaskDeps>((r) => (provide = r));
  const registry = registryInvoker(taskDepsReady);
  const onInvoke = opts.onInvoke;
  const invoke: LambdaInvoker = onInvoke
    ? async (name, payload) => {
        const started = performance.now();
        try {
          return await registry(name, payload);
        } finally {
          onInvoke(functionName(name), performance.now() - started);
        }
      }
    : registry;
  const engine = config.sfnEndpoint
    ? undefined
    : await startEngine({
        port: config.sfnLocalPort,
        ...(opts.inMemory ? {} : { dataDir: join(dataDir, 'stepfunctions') }),
        region: config.region,
        invoke,
        ...(config.lambdaEndpoint ? { lambdaEndpoint: config.lambdaEndpoint } : {}),
        onExecutionStatusChange: async (change) => {
          const result = await invoke('cp-execution-events', { detail: change });
          if ('functionError' in result)
            throw new Error(`${result.functionError.errorType}: ${result.functionError.errorMessage}`);
        },
      });
  const sfnEndpoint = config.sfnEndpoint ?? engine!.url;
  const sfn = createSfnClient({
    endpoint: sfnEndpoint,
    region: config.region,
    unsigned: !config.sfnEndpoint,
  });
  const viaSdk = createWorkflowEngine(sfn, {
    region: config.region,
    namePrefix: config.stateMachinePrefix,
    roleArn: config.stateMachineRoleArn,
  });
  // The embedded engine takes a submission's SendTaskSuccess in process (D20); an external one through the SDK.
  const workflowEngine = engine ? { ...viaSdk, ...inProcessTokenCalls(engine) } : viaSdk;
  // Mail goes to an outbox directory locally (SES on AWS); webhooks to banks go out over HTTP on both.
  const outboxDir = join(dataDir, 'outbox');
  const lifecycle: LifecyclePorts = {
    mailer: outboxMailer(outboxDir, 'cpflow@localhost', () => clock.now()),
    webhooks: httpWebhookSender(),
  };
  const taskDeps: TaskDeps & LifecyclePorts = {
    db,
    clock,
    ids: randomIds,
    engine: workflowEngine,
    log,
    ...lifecycle,
  };
  provide(taskDeps);

  const tokens = localTokens(loadSecret(dataDir), () => clock.now());
  const deps: AppDeps & LifecyclePorts = {
    ...lifecycle,
    db,
    clock,
    ids: randomIds,
    config,
    passwords: scryptPasswords,
    tokens,
    verifier: tokens,
    engine: workflowEngine,
    functions: workflowFunctionNames,
    resolveFunction: (name) => config.functionArns[name] ?? name,
    dryRun: createDryRunner(() => taskDeps),
    files: localFileStore(join(dataDir, 'files')),
    log,
  };
  const app = createApp(deps);
  return {
    config,
    deps,
    taskDeps,
    outboxDir,
    app,
    dynamodbEndpoint,
    ...(embedded ? { embeddedDynamo: embedded } : {}),
    sfnEndpoint,
    ...(engine ? { engine } : {}),
    async close() {
      await engine?.close();
      sfn.destroy();
      dynamo.destroy();
      direct?.destroy();
      await embedded?.close();
    },
  };
}
