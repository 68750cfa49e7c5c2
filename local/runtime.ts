/**
 * The local composition root: embedded DynamoDB (unless DYNAMODB_ENDPOINT), the table, the adapters, the API
 * app. `npm start` (main.ts) serves it; integration tests start it on ephemeral ports with a temp DATA_DIR.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../lambdas/config';
import { createDb, createDynamoClient } from '../lambdas/adapters/dynamodb';
import { randomIds } from '../lambdas/adapters/ids';
import { scryptPasswords } from '../lambdas/adapters/passwords';
import { localTokens } from '../lambdas/adapters/tokens';
import { createApp } from '../lambdas/api/app';
import type { AppDeps } from '../lambdas/api/deps';
import type { Clock } from '../lambdas/core/ports';
import { ensureTable, startEmbeddedDynamo } from './dynamodb';

export interface LocalRuntime {
  config: Config;
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  dynamodbEndpoint: string;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  /** Keep DynamoDB data in memory (tests); default: LevelDB under DATA_DIR. */
  inMemory?: boolean;
  clock?: Clock;
  log?: AppDeps['log'];
}

function loadSecret(dataDir: string): Uint8Array {
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  return Buffer.from(readFileSync(file, 'utf8'), 'base64');
}

export async function startLocalRuntime(config: Config, opts: RuntimeOptions = {}): Promise<LocalRuntime> {
  const dataDir = resolve(config.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const embedded = config.dynamodbEndpoint
    ? undefined
    : await startEmbeddedDynamo({
        port: config.dynamodbLocalPort,
        ...(opts.inMemory ? {} : { path: join(dataDir, 'dynamodb') }),
      });
  const dynamodbEndpoint = config.dynamodbEndpoint ?? embedded!.endpoint;
  const client = createDynamoClient({ endpoint: dynamodbEndpoint, region: config.region });
  await ensureTable(client, config.tableName);
  const clock = opts.clock ?? { now: () => Date.now() };
  const tokens = localTokens(loadSecret(dataDir), () => clock.now());
  const deps: AppDeps = {
    db: createDb(client, config.tableName),
    clock,
    ids: randomIds,
    config,
    passwords: scryptPasswords,
    tokens,
    verifier: tokens,
    log: opts.log ?? ((message, extra) => console.error(message, extra)),
  };
  const app = createApp(deps);
  return {
    config,
    deps,
    app,
    dynamodbEndpoint,
    async close() {
      client.destroy();
      await embedded?.close();
    },
  };
}
