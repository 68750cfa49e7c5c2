/**
 * The Db port over @aws-sdk/lib-dynamodb. One place turns ConditionalCheckFailedException into the domain's
 * ConditionFailedError, retries unprocessed batch items, and counts calls (benchmarks report them).
 */
import { Agent } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConditionFailedError } from '../core/db/errors';
import type { BatchGetOptions, Db, Item, Key } from '../core/db/port';
import { MARSHALL_OPTIONS } from './dynamodb-json';

export interface DynamoOptions {
  endpoint?: string;
  region: string;
  /**
   * Skip SigV4 signing: only for the embedded servers on loopback, which ignore signatures. Signing is about half
   * of the SDK's per-call cost here (docs/decisions.md D10).
   */
  unsigned?: boolean;
}

/**
 * The SDK's auth-scheme hooks, set to skip SigV4: the request carries a well-formed but unsigned Authorization
 * header (the embedded servers check that one is present, not what it signs).
 */
export const unsignedAuth = {
  httpAuthSchemes: [
    {
      schemeId: 'cpflow#unsigned',
      identityProvider: () => async () => ({}),
      signer: {
        sign: async <T extends { headers: Record<string, string> }>(request: T) => {
          request.headers.authorization =
            'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/local/aws4_request, SignedHeaders=host, Signature=0';
          request.headers['x-amz-date'] = '20260101T000000Z';
          return request;
        },
      },
    },
  ],
  httpAuthSchemeProvider: () => [{ schemeId: 'cpflow#unsigned' }],
};

/** Per-operation call counts of one client; benchmarks read them, nothing else depends on them. */
export const callCounts = new Map<string, number>();

/** The operations the cost benchmark meters, by the kind of units they consume. */
export const CAPACITY_KIND: Record<string, 'read' | 'write'> = {
  GetItem: 'read',
  BatchGetItem: 'read',
  Query: 'read',
  Scan: 'read',
  PutItem: 'write',
  UpdateItem: 'write',
  DeleteItem: 'write',
  BatchWriteItem: 'write',
};

/**
 * Consumed capacity, for the cost benchmark: while `record` is set, every request asks for
 * `ReturnConsumedCapacity: TOTAL` and the units the store reports (table units: AWS's rules — writes per 1 KB of
 * the larger of the old and new item, reads per 4 KB, half for eventually consistent reads) go to `record`.
 * Nothing else depends on it; unset, requests are unchanged.
 */
export const capacityMeter: {
  record?: (op: string, kind: 'read' | 'write', units: number) => void;
} = {};

export function consumedUnits(consumed: unknown): number {
  const list = Array.isArray(consumed) ? consumed : consumed ? [consumed] : [];
  return list.reduce((n: number, c: { CapacityUnits?: number }) => n + (c?.CapacityUnits ?? 0), 0);
}

export function createDynamoClient({ endpoint, region, unsigned }: DynamoOptions): DynamoDBClient {
  const local = endpoint !== undefined;
  const client = new DynamoDBClient({
    region,
    ...(local
      ? {
          endpoint,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }) },
          maxAttempts: 3,
          ...(unsigned ? (unsignedAuth as object) : {}),
        }
      : {}),
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const op = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      callCounts.set(op, (callCounts.get(op) ?? 0) + 1);
      const record = capacityMeter.record;
      const kind = CAPACITY_KIND[op];
      if (!record || !kind) return next(args);
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      record(op, kind, consumedUnits((result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity));
      return result;
    },
    { step: 'initialize', name: 'cpflowCallCounter' },
  );
  return client;
}

function isConditionFailure(err: unknown): boolean {
  return err instanceof Error && err.name === 'ConditionalCheckFailedException';
}

async function guarded<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (isConditionFailure(err)) throw new ConditionFailedError();
    throw err;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createDb(client: DynamoDBClient, tableName: string): Db {
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { ...MARSHALL_OPTIONS }, // a copy: the client adds convertTopLevelContainer to it
  });
  const TableName = tableName;
  return {
    async get(request) {
      const out = await doc.send(new GetCommand({ TableName, ...request }));
      return out.Item as Item | undefined;
    },
    async put(request) {
      await guarded(() => doc.send(new PutCommand({ TableName, ...request })));
    },
    async update(request) {
      const out = await guarded(() => doc.send(new UpdateCommand({ TableName, ...request })));
      return out.Attributes as Item | undefined;
    },
    async delete(request) {
      await guarded(() => doc.send(new DeleteCommand({ TableName, ...request })));
    },
    async query(request) {
      const out = await doc.send(new QueryCommand({ TableName, ...request }));
      return {
        items: (out.Items ?? []) as Item[],
        ...(out.LastEvaluatedKey ? { lastKey: out.LastEvaluatedKey } : {}),
      };
    },
    async batchGet(keys, options = {}) {
      const items: Item[] = [];
      for (let i = 0; i < keys.length; i += 100) {
        items.push(...(await batchGetChunk(keys.slice(i, i + 100), options)));
      }
      return items;
    },
    async batchWrite({ puts = [], deletes = [] }) {
      type WriteRequest = { PutRequest?: { Item: Item }; DeleteRequest?: { Key: Key } };
      const all: WriteRequest[] = [
        ...puts.map((Item) => ({ PutRequest: { Item } })),
        ...deletes.map((Key) => ({ DeleteRequest: { Key } })),
      ];
      for (let i = 0; i < all.length; i += 25) {
        let pending = all.slice(i, i + 25);
        for (let attempt = 0; pending.length && attempt < 8; attempt++) {
          if (attempt) await sleep(2 ** attempt * 10);
          const out = await doc.send(new BatchWriteCommand({ RequestItems: { [TableName]: pending } }));
          pending = (out.UnprocessedItems?.[TableName] ?? []) as WriteRequest[];
        }
        if (pending.length) throw new Error(`batchWrite: ${pending.length} items unprocessed after retries`);
      }
    },
  };

  async function batchGetChunk(keys: Key[], options: BatchGetOptions): Promise<Item[]> {
    const items: Item[] = [];
    let pending: Key[] = keys;
    for (let attempt = 0; pending.length && attempt < 8; attempt++) {
      if (attempt) await sleep(2 ** attempt * 10);
      const out = await doc.send(
        new BatchGetCommand({ RequestItems: { [TableName]: { ...options, Keys: pending } } }),
      );
      items.push(...((out.Responses?.[TableName] ?? []) as Item[]));
      pending = (out.UnprocessedKeys?.[TableName]?.Keys ?? []) as Key[];
    }
    if (pending.length) throw new Error(`batchGet: ${pending.length} keys unprocessed after retries`);
    return items;
  }
}
