/**
 * The embedded store parses each expression once and keeps the result as a template for the next request with
 * the same expression, names and value types (local/dynalite-expressions.mjs, docs/decisions.md D24). A kept
 * expression must act exactly as a fresh parse would: with the request's own values, its own unused-value check,
 * and its own type and bound checks.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { createTableByG, dynaliteStore, sdkFor } from '../../support/dynalite';

const TABLE = 'exprs';
let server: Server;
let sdk: DynamoDBClient;
const require = createRequire(import.meta.url);
const dynaliteDir = require.resolve('dynalite').replace(/index\.js$/, '');
/** The templates the store keeps for one of dynalite's parsers. */
const kept = (parser: string): Map<string, unknown> => require(`${dynaliteDir}db/${parser}`).parse.templates;

beforeAll(async () => {
  ({ server } = dynaliteStore());
  sdk = await sdkFor(server);
  await createTableByG(sdk, TABLE, true);
});
afterAll(async () => {
  sdk?.destroy();
  await new Promise((r) => server?.close(r));
});

const update = (
  SK: string,
  values: Record<string, AttributeValue>,
  expression = 'SET #n = :n, G = :g ADD c :d',
) =>
  sdk.send(
    new UpdateItemCommand({
      TableName: TABLE,
      Key: { PK: { S: 'p' }, SK: { S: SK } },
      UpdateExpression: expression,
      ConditionExpression: 'attribute_not_exists(done) OR done <> :t',
      ExpressionAttributeNames: { '#n': 'name' },
      ExpressionAttributeValues: { ':t': { BOOL: true }, ...values },
      ReturnValues: 'ALL_NEW',
    }),
  );

describe('expressions kept from an earlier request', () => {
  it('take each request’s own values', async () => {
    const before = kept('updateParser').size;
    const a = await update('a', { ':n': { S: 'first' }, ':g': { S: 'g1' }, ':d': { N: '1' } });
    expect(kept('updateParser').size).toBe(before + 1);
    const b = await update('b', { ':n': { S: 'second' }, ':g': { S: 'g2' }, ':d': { N: '5' } });
    const again = await update('a', { ':n': { S: 'third' }, ':g': { S: 'g3' }, ':d': { N: '2' } });
    expect(kept('updateParser').size).toBe(before + 1); // the same template served all three
    expect(a.Attributes).toMatchObject({ name: { S: 'first' }, G: { S: 'g1' }, c: { N: '1' } });
    expect(b.Attributes).toMatchObject({ name: { S: 'second' }, G: { S: 'g2' }, c: { N: '5' } });
    expect(again.Attributes).toMatchObject({ name: { S: 'third' }, G: { S: 'g3' }, c: { N: '3' } });
    const q = await sdk.send(
      new QueryCommand({
        TableName: TABLE,
        IndexName: 'ByG',
        KeyConditionExpression: 'G = :g',
        ExpressionAttributeValues: { ':g': { S: 'g3' } },
      }),
    );
    expect(q.Items?.map((i) => i.SK?.S)).toEqual(['a']);
  });

  it('still report a value the request does not use, and a value of the wrong type', async () => {
    const values = { ':n': { S: 'x' }, ':g': { S: 'g' }, ':d': { N: '1' } };
    await update('c', values);
    await expect(update('c', { ...values, ':extra': { S: 'unused' } })).rejects.toThrow(
      /unused in expressions: keys: \{:extra\}/,
    );
    await expect(update('c', { ...values, ':d': { S: 'one' } })).rejects.toThrow(
      /Incorrect operand type for operator or function; operator: ADD/,
    );
    const item = await sdk.send(
      new GetItemCommand({ TableName: TABLE, Key: { PK: { S: 'p' }, SK: { S: 'c' } }, ConsistentRead: true }),
    );
    expect(item.Item?.c).toEqual({ N: '1' }); // neither refused request changed it
  });

  it('are given to the caller as fresh copies: a key condition written value-first is turned round each time', async () => {
    for (const SK of ['k1', 'k2', 'k3'])
      await sdk.send(
        new PutItemCommand({ TableName: TABLE, Item: { PK: { S: 'q' }, SK: { S: SK }, G: { S: 'k' } } }),
      );
    const query = (from: string) =>
      sdk.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: ':p = PK AND :from < SK',
          ExpressionAttributeValues: { ':p': { S: 'q' }, ':from': { S: from } },
        }),
      );
    expect((await query('k1')).Items?.map((i) => i.SK?.S)).toEqual(['k2', 'k3']);
    expect((await query('k2')).Items?.map((i) => i.SK?.S)).toEqual(['k3']);
    expect((await query('k0')).Items?.map((i) => i.SK?.S)).toEqual(['k1', 'k2', 'k3']);
  });

  it('take each request’s own names, and still find two names for one attribute', async () => {
    const step = (id: string, other: string, expression = 'SET #m.#id = :v REMOVE #m.#other') =>
      sdk.send(
        new UpdateItemCommand({
          TableName: TABLE,
          Key: { PK: { S: 'p' }, SK: { S: 'steps' } },
          UpdateExpression: expression,
          ExpressionAttributeNames: { '#m': 'steps', '#id': id, '#other': other },
          ExpressionAttributeValues: { ':v': { S: `open ${id}` } },
          ReturnValues: 'ALL_NEW',
        }),
      );
    await sdk.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { PK: { S: 'p' }, SK: { S: 'steps' }, steps: { M: {} } },
      }),
    );
    const before = kept('updateParser').size;
    await step('t1', 'none');
    await step('t2', 't1');
    const last = await step('t3', 't9');
    expect(kept('updateParser').size).toBe(before + 1); // one template for the three ids
    expect(last.Attributes?.steps).toEqual({ M: { t2: { S: 'open t2' }, t3: { S: 'open t3' } } });
    // the same attribute under both names: the parse that compares them runs again and refuses it
    await expect(step('t4', 't4')).rejects.toThrow(/Two document paths overlap with each other/);
    // a name for an attribute the expression also names in its own text
    const both = 'SET #m.#id = :v, #m.t1 = :v REMOVE #m.#other';
    await step('t5', 'none', both);
    await expect(step('t1', 'none', both)).rejects.toThrow(/Two document paths overlap with each other/);
  });

  it('are parsed each time when their check reads the values: BETWEEN’s bounds', async () => {
    const between = (lo: string, hi: string) =>
      sdk.send(
        new QueryCommand({
          TableName: TABLE,
          KeyConditionExpression: 'PK = :p AND SK BETWEEN :lo AND :hi',
          ExpressionAttributeValues: { ':p': { S: 'q' }, ':lo': { S: lo }, ':hi': { S: hi } },
        }),
      );
    expect((await between('k1', 'k2')).Items?.map((i) => i.SK?.S)).toEqual(['k1', 'k2']);
    await expect(between('k3', 'k1')).rejects.toThrow(
      /upper bound to be greater than or equal to lower bound/,
    );
  });
});
