/**
 * The embedded store's worker (local/dynamodb-worker.mjs): requests posted on its channel get the answers HTTP
 * gets, and the table descriptions it keeps in memory follow every table change — a table deleted is gone, a
 * table made again with other indexes is used with those, whichever way the requests come.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '../../../lambdas/adapters/dynamodb';
import type { EmbeddedDynamo } from '../../../local/dynamodb';
import { startEmbeddedDynamo } from '../../../local/dynamodb';

let store: EmbeddedDynamo;
let sdk: DynamoDBClient;
beforeAll(async () => {
  store = await startEmbeddedDynamo({ port: 0 });
  sdk = createDynamoClient({ endpoint: store.endpoint, region: 'us-east-1' });
});
afterAll(async () => {
  sdk?.destroy();
  await store?.close();
});

const post = async (op: string, body: unknown) => {
  const res = await store.send(op, JSON.stringify(body));
  return { status: res.status, body: JSON.parse(res.text || '{}') as Record<string, any> };
};

async function active(TableName: string) {
  for (let i = 0; i < 100; i++) {
    const { Table } = await sdk.send(new DescribeTableCommand({ TableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${TableName} never became active`);
}

const keys = {
  AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' as const }],
  KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' as const }],
  BillingMode: 'PAY_PER_REQUEST' as const,
};

describe('the embedded store worker', () => {
  it('answers posted requests as it answers HTTP, errors included', async () => {
    await sdk.send(new CreateTableCommand({ TableName: 'channel', ...keys }));
    await active('channel');
    const put = await post('PutItem', { TableName: 'channel', Item: { PK: { S: 'a' }, n: { N: '1' } } });
    expect(put.status).toBe(200);
    const viaHttp = await sdk.send(new GetItemCommand({ TableName: 'channel', Key: { PK: { S: 'a' } } }));
    expect(viaHttp.Item).toEqual({ PK: { S: 'a' }, n: { N: '1' } });
    const failed = await post('PutItem', {
      TableName: 'channel',
      Item: { PK: { S: 'a' } },
      ConditionExpression: 'attribute_not_exists(PK)',
    });
    expect(failed.status).toBe(400);
    expect(failed.body.__type).toMatch(/ConditionalCheckFailedException$/);
    const unknown = await post('GetItem', { TableName: 'nowhere', Key: { PK: { S: 'a' } } });
    expect(unknown.body.__type).toMatch(/ResourceNotFoundException$/);
  });

  it('forgets a deleted table and uses the indexes of the table made again under its name', async () => {
    await sdk.send(new CreateTableCommand({ TableName: 'again', ...keys }));
    await active('again');
    expect((await post('GetItem', { TableName: 'again', Key: { PK: { S: 'x' } } })).status).toBe(200);
    await sdk.send(new DeleteTableCommand({ TableName: 'again' }));
    for (let i = 0; i < 100; i++) {
      const gone = await post('GetItem', { TableName: 'again', Key: { PK: { S: 'x' } } });
      if (gone.body.__type?.endsWith('ResourceNotFoundException')) break;
      if (i === 99) throw new Error('the deleted table still answers');
      await new Promise((r) => setTimeout(r, 20));
    }
    await sdk.send(
      new CreateTableCommand({
        TableName: 'again',
        ...keys,
        AttributeDefinitions: [...keys.AttributeDefinitions, { AttributeName: 'G', AttributeType: 'S' }],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'ByG',
            KeySchema: [{ AttributeName: 'G', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    await active('again');
    await post('PutItem', { TableName: 'again', Item: { PK: { S: 'y' }, G: { S: 'g1' } } });
    const byG = await sdk.send(
      new QueryCommand({
        TableName: 'again',
        IndexName: 'ByG',
        KeyConditionExpression: 'G = :g',
        ExpressionAttributeValues: { ':g': { S: 'g1' } },
      }),
    );
    expect(byG.Items?.map((i) => i.PK?.S)).toEqual(['y']);
    const query = {
      TableName: 'again',
      IndexName: 'ByG',
      KeyConditionExpression: 'G = :g',
      ExpressionAttributeValues: { ':g': { S: 'g1' } },
    };
    expect((await post('Query', query)).body.Items).toEqual([{ PK: { S: 'y' }, G: { S: 'g1' } }]);
    await sdk.send(new PutItemCommand({ TableName: 'again', Item: { PK: { S: 'z' }, G: { S: 'g1' } } }));
    expect((await post('Query', query)).body.Count).toBe(2);
  });
});
