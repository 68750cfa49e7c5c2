/**
 * The embedded DynamoDB-compatible server (dynalite on LevelDB under DATA_DIR) and table set-up. When
 * DYNAMODB_ENDPOINT is set none is started. See docs/decisions.md D2 for why dynalite, and why in a worker.
 */
import { Worker } from 'node:worker_threads';
import { mkdirSync } from 'node:fs';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { createTableInput, TTL_ATTRIBUTE } from '../lambdas/core/db/table';

export interface EmbeddedDynamo {
  endpoint: string;
  port: number;
  /**
   * One DynamoDB JSON request handed to the store in its thread, without a socket (the direct client's transport
   * in this process; docs/decisions.md D20).
   */
  send(op: string, body: string): Promise<{ status: number; text: string }>;
  /** The worker thread's event-loop utilisation (benchmarks: how busy the store's core is). */
  eventLoopUtilization: Worker['performance']['eventLoopUtilization'];
  close(): Promise<void>;
}

type WorkerMessage =
  | { type: 'listening'; port: number; repaired?: { ran: boolean; entries: number; fixed: number } }
  | { type: 'error'; message: string }
  | { type: 'closed' }
  | { type: 'response'; id: number; status: number; text: string };

/** Starts dynalite in a worker thread; `path` omitted → in memory. */
export async function startEmbeddedDynamo(opts: {
  port: number;
  path?: string;
  host?: string;
}): Promise<EmbeddedDynamo> {
  if (opts.path) mkdirSync(opts.path, { recursive: true });
  const host = opts.host ?? '127.0.0.1';
  const worker = new Worker(new URL('./dynamodb-worker.mjs', import.meta.url), {
    workerData: { port: opts.port, path: opts.path, host },
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (msg: WorkerMessage) => {
      if (msg.type === 'listening') {
        if (msg.repaired?.fixed)
          console.warn(
            `embedded DynamoDB: ${msg.repaired.fixed} index writes made good, of ${msg.repaired.entries} entries checked once (docs/decisions.md D23)`,
          );
        resolve(msg.port);
      } else
        reject(
          new Error(`embedded DynamoDB failed to start: ${msg.type === 'error' ? msg.message : msg.type}`),
        );
    });
  });
  worker.unref();
  type Answer = { resolve: (r: { status: number; text: string }) => void; reject: (e: Error) => void };
  const waiting = new Map<number, Answer>();
  let nextId = 0;
  worker.on('message', (msg: WorkerMessage) => {
    if (msg.type !== 'response') return;
    const answer = waiting.get(msg.id);
    waiting.delete(msg.id);
    answer?.resolve({ status: msg.status, text: msg.text });
  });
  worker.once('exit', () => {
    for (const answer of waiting.values()) answer.reject(new Error('the embedded DynamoDB stopped'));
    waiting.clear();
  });
  return {
    endpoint: `http://${host}:${port}`,
    port,
    send(op, body) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ type: 'request', id, op, body });
      });
    },
    eventLoopUtilization: (a, b) => worker.performance.eventLoopUtilization(a, b),
    async close() {
      const closed = new Promise<void>((resolve) => {
        worker.on('message', (msg: WorkerMessage) => msg.type === 'closed' && resolve());
        worker.once('exit', () => resolve());
      });
      worker.postMessage({ type: 'close' });
      await Promise.race([closed, new Promise((r) => setTimeout(r, 3000))]);
      await worker.terminate();
    },
  };
}

/** Creates the table if absent and waits until it is ACTIVE; idempotent. TTL is enabled where supported. */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new CreateTableCommand({ TableName: tableName, ...createTableInput() }));
  } catch (err) {
    if (!(err instanceof ResourceInUseException)) throw err;
  }
  for (let i = 0; i < 600; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesActive = (Table?.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE');
    if (Table?.TableStatus === 'ACTIVE' && indexesActive) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } catch {
    // dynalite has no TTL (STACK.md pitfall 15); readers check expiresAt themselves, so nothing depends on it.
  }
}
