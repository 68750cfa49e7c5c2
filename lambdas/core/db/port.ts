/**
 * The data-access port. Core builds requests as plain data (see keys.ts and the entity modules);
 * an adapter (lambdas/adapters/dynamodb.ts) sends them through @aws-sdk/lib-dynamodb. Shapes follow the
 * DocumentClient inputs minus TableName, so the adapter passes them through unchanged.
 */
import type { IndexName } from './table';

export type Key = { PK: string; SK: string };
export type Item = Record<string, unknown> & Key;
export type Values = Record<string, unknown>;
export type Names = Record<string, string>;

interface Expression {
  ConditionExpression?: string;
  ExpressionAttributeNames?: Names;
  ExpressionAttributeValues?: Values;
}

export interface GetRequest {
  Key: Key;
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Names;
}
/** What a batchGet reads of each item: the same options as a get, for every key. */
export type BatchGetOptions = Omit<GetRequest, 'Key'>;
export interface PutRequest extends Expression {
  Item: Item;
}
export interface UpdateRequest extends Expression {
  Key: Key;
  UpdateExpression: string;
  ReturnValues?: 'ALL_NEW' | 'NONE';
}
export interface DeleteRequest extends Expression {
  Key: Key;
}
export interface QueryRequest {
  IndexName?: IndexName;
  KeyConditionExpression: string;
  FilterExpression?: string;
  ExpressionAttributeNames?: Names;
  ExpressionAttributeValues: Values;
  Limit?: number;
  ScanIndexForward?: boolean;
  ExclusiveStartKey?: Record<string, unknown>;
  ConsistentRead?: boolean;
  /** Only these attributes (their names in ExpressionAttributeNames where reserved). */
  ProjectionExpression?: string;
}
export interface QueryPage {
  items: Item[];
  /** The key to pass as ExclusiveStartKey for the next page; absent on the last page. */
  lastKey?: Record<string, unknown>;
}

/** Every method throws ConditionFailedError (db/errors.ts) when a ConditionExpression fails. */
export interface Db {
  get(request: GetRequest): Promise<Item | undefined>;
  put(request: PutRequest): Promise<void>;
  update(request: UpdateRequest): Promise<Item | undefined>;
  delete(request: DeleteRequest): Promise<void>;
  query(request: QueryRequest): Promise<QueryPage>;
  /** Any number of keys (100 per call); unprocessed keys are retried by the adapter; the order is unspecified. */
  batchGet(keys: Key[], options?: BatchGetOptions): Promise<Item[]>;
  /** Unconditional puts and deletes, up to 25 per call; the adapter retries unprocessed ones. */
  batchWrite(request: { puts?: Item[]; deletes?: Key[] }): Promise<void>;
}
