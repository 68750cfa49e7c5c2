/**
 * The Db port spoken directly in DynamoDB's wire protocol (AWS JSON 1.0 over HTTP), for the embedded store only:
 * the same requests the SDK sends (operation in `X-Amz-Target`, attribute values as DynamoDB JSON), on a keep-alive
 * agent over loopback, without the SDK's per-call middleware stack, schema serde and endpoint resolution — which
 * cost ~5× the rest of a call here (docs/decisions.md D18, docs/benchmarks.md). Requests are unsigned, as D10
 * already has them for the embedded endpoints. AWS and every external endpoint keep the SDK adapter (dynamodb.ts);
 * the data-layer suite runs both adapters against dynalite and DynamoDB Local.
 */
import { Agent, request } from 'node:http';
import type { Db, Item, Key } from '../core/db/port';
import { ConditionFailedError } from '../core/db/errors';
import type { AttributeValue } from './dynamodb-json';
import { fromWireJson, marshallRecord, toWireJson, unmarshallRecord } from './dynamodb-json';
import { CAPACITY_KIND, callCounts, capacityMeter, consumedUnits } from './dynamodb';

/** Sends one DynamoDB JSON request (operation, body) and returns the store's answer. */
export type DynamoTransport = (op: string, body: string) => Promise<{ status: number; text: string }>;

export interface HttpDbOptions {
  /** `http://host:port` of the embedded store (plain HTTP on loopback). */
  endpoint: string;
  /**
   * Instead of HTTP: the embedded store's own channel in this process (local/dynamodb.ts `send`), which hands the
   * same request to the store without a socket (docs/decisions.md D20).
   */
  send?: DynamoTransport;
  tableName: string;
  region?: string;
}

/** An error the store answered with: `name` is the exception's short name, as the SDK names it. */
export class DynamoServiceError extends Error {
  constructor(
    name: string,
    message: string,
    readonly statusCode: number,
  ) {
    super(message);
    this.name = name;
  }
}

type Attrs = Record<string, AttributeValue>;
type Json = Record<string, unknown>;

const RETRYABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createHttpDb({ endpoint, tableName, region = 'us-east-1', send }: HttpDbOptions): Db & {
  destroy(): void;
} {
  const url = new URL(endpoint);
  if (url.protocol !== 'http:')
    throw new Error(`the direct DynamoDB client speaks plain HTTP only: ${endpoint}`);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const TableName = tableName;
  const baseHeaders = {
    'content-type': 'application/x-amz-json-1.0',
    authorization: `AWS4-HMAC-SHA256 Credential=local/20260101/${region}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
    'x-amz-date': '20260101T000000Z',
  };

  function once(op: string, body: string): Promise<{ status: number; text: string; reused: boolean }> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/',
          agent,
          headers: {
            ...baseHeaders,
            'x-amz-target': `DynamoDB_20120810.${op}`,
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.setEncoding('utf8');
          let text = '';
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text, reused: req.reusedSocket }));
          res.on('error', reject);
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => {
        // A keep-alive socket the server closed as we reused it: the request never reached it, so send again.
        if (req.reusedSocket && err.code === 'ECONNRESET') (err as { retryable?: boolean }).retryable = true;
        reject(err);
      });
      req.end(body);
    });
  }

  async function call(op: string, input: Json): Promise<Json> {
    callCounts.set(op, (callCounts.get(op) ?? 0) + 1);
    // The cost benchmark's meter, as the SDK client's middleware does it (dynamodb.ts `capacityMeter`).
    const record = capacityMeter.record;
    const kind = CAPACITY_KIND[op];
    const metered = record && kind ? { ReturnConsumedCapacity: 'TOTAL', ...input } : undefined;
    const body = toWireJson(metered ?? input);
    for (let attempt = 1; ; attempt++) {
      let res: { status: number; text: string };
      try {
        res = await (send ?? once)(op, body);
      } catch (err) {
        if ((err as { retryable?: boolean }).retryable && attempt < 3) continue;
        throw err;
      }
      const out = (res.text ? fromWireJson(res.text) : {}) as Json;
      if (res.status === 200) {
        if (metered) record!(op, kind!, consumedUnits(out.ConsumedCapacity));
        return out;
      }
      const type = String(out.__type ?? 'UnknownError');
      const name = type.slice(type.lastIndexOf('#') + 1);
      if ((RETRYABLE.has(name) || res.status >= 500) && attempt < 3) {
        await sleep(25 * 2 ** attempt);
        continue;
      }
      if (name === 'ConditionalCheckFailedException') throw new ConditionFailedError();
      throw new DynamoServiceError(name, String(out.message ?? out.Message ?? name), res.status);
    }
  }

  const values = (v: Record<string, unknown> | undefined) =>
    v === undefined ? {} : { ExpressionAttributeValues: marshallRecord(v) };
  const item = (a: unknown) => unmarshallRecord(a as Attrs) as Item;

  return {
    async get({ Key, ...rest }) {
      const out = await call('GetItem', { TableName, Key: marshallRecord(Key), ...rest });
      return out.Item ? item(out.Item) : undefined;
    },
    async put({ Item, ExpressionAttributeValues, ...rest }) {
      await call('PutItem', {
        TableName,
        Item: marshallRecord(Item),
        ...values(ExpressionAttributeValues),
        ...rest,
      });
    },
    async update({ Key, ExpressionAttributeValues, ...rest }) {
      const out = await call('UpdateItem', {
        TableName,
        Key: marshallRecord(Key),
        ...values(ExpressionAttributeValues),
        ...rest,
      });
      return out.Attributes ? item(out.Attributes) : undefined;
    },
    async delete({ Key, ExpressionAttributeValues, ...rest }) {
      await call('DeleteItem', {
        TableName,
        Key: marshallRecord(Key),
        ...values(ExpressionAttributeValues),
        ...rest,
      });
    },
    async query({ ExpressionAttributeValues, ExclusiveStartKey, ...rest }) {
      const out = await call('Query', {
        TableName,
        ...values(ExpressionAttributeValues),
        ...(ExclusiveStartKey ? { ExclusiveStartKey: marshallRecord(ExclusiveStartKey) } : {}),
        ...rest,
      });
      return {
        items: ((out.Items ?? []) as Attrs[]).map(item),
        ...(out.LastEvaluatedKey ? { lastKey: unmarshallRecord(out.LastEvaluatedKey as Attrs) } : {}),
      };
    },
    async batchGet(keys, options = {}) {
      const items: Item[] = [];
      for (let i = 0; i < keys.length; i += 100) {
        let pending: Attrs[] = keys.slice(i, i + 100).map((k) => marshallRecord(k));
        for (let attempt = 0; pending.length && attempt < 8; attempt++) {
          if (attempt) await sleep(2 ** attempt * 10);
          const out = await call('BatchGetItem', {
            RequestItems: { [TableName]: { ...options, Keys: pending } },
          });
          const got = (out.Responses as Record<string, Attrs[]> | undefined)?.[TableName] ?? [];
          items.push(...got.map(item));
          pending =
            (out.UnprocessedKeys as Record<string, { Keys: Attrs[] }> | undefined)?.[TableName]?.Keys ?? [];
        }
        if (pending.length) throw new Error(`batchGet: ${pending.length} keys unprocessed after retries`);
      }
      return items;
    },
    async batchWrite({ puts = [], deletes = [] }) {
      type WriteRequest = { PutRequest?: { Item: Attrs }; DeleteRequest?: { Key: Attrs } };
      const all: WriteRequest[] = [
        ...puts.map((p: Item) => ({ PutRequest: { Item: marshallRecord(p) } })),
        ...deletes.map((k: Key) => ({ DeleteRequest: { Key: marshallRecord(k) } })),
      ];
      for (let i = 0; i < all.length; i += 25) {
        let pending = all.slice(i, i + 25);
        for (let attempt = 0; pending.length && attempt < 8; attempt++) {
          if (attempt) await sleep(2 ** attempt * 10);
          const out = await call('BatchWriteItem', { RequestItems: { [TableName]: pending } });
          pending = (out.UnprocessedItems as Record<string, WriteRequest[]> | undefined)?.[TableName] ?? [];
        }
        if (pending.length) throw new Error(`batchWrite: ${pending.length} items unprocessed after retries`);
      }
    },
    destroy() {
      agent.destroy();
    },
  };
}
