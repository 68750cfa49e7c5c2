/**
 * PutItem and Query throughput through the SDK (DocumentClient, keep-alive) against: the embedded store as
 * `npm start` runs it (dynalite on LevelDB in a worker thread), dynalite on the main thread (the alternative we
 * rejected), and AWS DynamoDB Local 1.25.1 when Java is present. Same items, same client, one process.
 * Items ~300 B; queries return 100 items.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Server } from 'node:net';
import { createDb, createDynamoClient } from '../../lambdas/adapters/dynamodb';
import type { Db } from '../../lambdas/core/db/port';
import { ensureTable, startEmbeddedDynamo } from '../../local/dynamodb';
import { freePort, javaAvailable, startDynamoDbLocal } from '../support/dynamodb-local';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const PUTS = 2000;
const QUERIES = 400;

interface Row {
  target: string;
  putSeq: number;
  put16: number;
  querySeq: number;
  query16: number;
  getSeq: number;
}

const item = (i: number) => ({
  PK: `BENCH#${i % 20}`,
  SK: `I#${String(i).padStart(8, '0')}`,
  body: 'x'.repeat(240),
  n: i,
});

async function rate(n: number, concurrency: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await op(next++);
    }),
  );
  return Math.round(n / ((performance.now() - started) / 1000));
}

async function measure(target: string, endpoint: string): Promise<Row> {
  const client = createDynamoClient({ endpoint, region: 'us-east-1' });
  await ensureTable(client, 'bench');
  const db: Db = createDb(client, 'bench');
  await rate(200, 4, (i) => db.put({ Item: item(i + 10_000_000) })); // warm-up
  const putSeq = await rate(PUTS, 1, (i) => db.put({ Item: item(i) }));
  const put16 = await rate(PUTS, 16, (i) => db.put({ Item: item(i + PUTS) }));
  const q = (i: number) =>
    db.query({
      KeyConditionExpression: 'PK = :p',
      ExpressionAttributeValues: { ':p': `BENCH#${i % 20}` },
      Limit: 100,
    });
  const querySeq = await rate(QUERIES, 1, q);
  const query16 = await rate(QUERIES, 16, q);
  const getSeq = await rate(PUTS, 1, (i) =>
    db.get({ Key: { PK: `BENCH#${i % 20}`, SK: `I#${String(i).padStart(8, '0')}` } }),
  );
  client.destroy();
  return { target, putSeq, put16, querySeq, query16, getSeq };
}

async function mainThreadDynalite(path: string) {
  const require = createRequire(import.meta.url);
  const dynalite = require('dynalite') as (o: object) => Server;
  const server = dynalite({ path, createTableMs: 0 });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const rows: Row[] = [];
const dir = mkdtempSync(join(tmpdir(), 'cpflow-bench-'));
try {
  const worker = await startEmbeddedDynamo({ port: 0, path: join(dir, 'worker') });
  rows.push(await measure('embedded: dynalite+LevelDB, worker thread (npm start)', worker.endpoint));
  await worker.close();
  const main = await mainThreadDynalite(join(dir, 'main'));
  rows.push(await measure('dynalite+LevelDB, main thread', main.endpoint));
  await main.close();
  if (javaAvailable()) {
    const local = await startDynamoDbLocal();
    await measure('warm-up', local.endpoint).catch(() => undefined);
    rows.push(await measure('AWS DynamoDB Local 1.25.1 (Java, in-memory, warm JVM)', local.endpoint));
    await local.close();
  } else {
    console.log('Java not found: DynamoDB Local column skipped');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(
  `\nDynamoDB through @aws-sdk/lib-dynamodb, ${PUTS} puts / ${QUERIES} queries of 100 items, ops/s:`,
);
console.table(
  rows.map((r) => ({
    target: r.target,
    'PutItem seq': r.putSeq,
    'PutItem c16': r.put16,
    'Query seq': r.querySeq,
    'Query c16': r.query16,
    'GetItem seq': r.getSeq,
  })),
);
