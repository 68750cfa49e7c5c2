import { describe, expect, it } from 'vitest';
import { buildUpdate } from '../../../../../lambdas/core/db/expressions';
import { decodeCursor, encodeCursor } from '../../../../../lambdas/core/db/cursor';
import { createTableInput } from '../../../../../lambdas/core/db/table';

describe('buildUpdate', () => {
  it('aliases every name and value and bumps the version under a condition', () => {
    const req = buildUpdate(
      { PK: 'ORG#1', SK: 'ORG' },
      { set: { name: 'A', status: undefined }, expectVersion: 3 },
    );
    expect(req.UpdateExpression).toBe('SET #n0 = :v0, #n1 = :v1');
    expect(req.ConditionExpression).toBe('#n1 = :v2');
    expect(req.ExpressionAttributeNames).toEqual({ '#n0': 'name', '#n1': 'version' });
    expect(req.ExpressionAttributeValues).toEqual({ ':v0': 'A', ':v1': 4, ':v2': 3 });
  });

  it('combines SET, ADD, REMOVE and equality conditions', () => {
    const req = buildUpdate(
      { PK: 'T#1', SK: 'T' },
      { set: { a: 1 }, add: { n: 2 }, remove: ['draft'], where: { status: 'open' }, mustExist: true },
    );
    expect(req.UpdateExpression).toBe('SET #n0 = :v0 ADD #n3 :v2 REMOVE #n4');
    expect(req.ConditionExpression).toBe('#n1 = :v1 AND attribute_exists(#n2)');
    expect(req.ExpressionAttributeNames).toMatchObject({
      '#n1': 'status',
      '#n2': 'PK',
      '#n3': 'n',
      '#n4': 'draft',
    });
  });

  it('refuses an update that changes nothing', () => {
    expect(() => buildUpdate({ PK: 'a', SK: 'b' }, {})).toThrow(/nothing to update/);
  });
});

describe('cursors', () => {
  it('round-trips a key in the queried partition', () => {
    const key = { GSI1PK: 'ORGS', GSI1SK: '86/440000/#org_1', PK: 'ORG#org_1', SK: 'ORG' };
    expect(decodeCursor(encodeCursor(key), ['GSI1PK', 'ORGS'])).toEqual(key);
  });

  it.each([
    ['not base64 JSON', '!!!'],
    ['another partition', encodeCursor({ GSI1PK: 'ORGKIND#bank', GSI1SK: 'x', PK: 'a', SK: 'b' })],
    ['foreign attributes', encodeCursor({ GSI1PK: 'ORGS', evil: 'x' })],
    ['non-string values', encodeCursor({ GSI1PK: 'ORGS', PK: 1 })],
  ])('refuses %s', (_name, cursor) => {
    expect(() => decodeCursor(cursor, ['GSI1PK', 'ORGS'])).toThrow(/invalid cursor/);
  });
});

describe('createTableInput', () => {
  it('declares PK/SK and three GSIs projecting all attributes', () => {
    const input = createTableInput();
    expect(input.KeySchema.map((k) => k.AttributeName)).toEqual(['PK', 'SK']);
    expect(input.GlobalSecondaryIndexes.map((g) => g.IndexName)).toEqual(['GSI1', 'GSI2', 'GSI3']);
    expect(input.AttributeDefinitions).toHaveLength(8);
  });
});
