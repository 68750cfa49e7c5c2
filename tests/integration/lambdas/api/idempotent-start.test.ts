/**
 * Found by the crash soak: a case start whose server died after it created the case but before it recorded the
 * response (the `Idempotency-Key` record stays `pending`; its lease runs out) must not start a second case when the
 * client sends the same request again with the same key. The case id derives from the caller and the key, so the
 * rerun finds the case (and its execution, named by the id) instead of creating another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishTestProgramme } from '../../../fixtures/lowcode';
import type { TestStack } from '../../../support/stack';
import { startStack } from '../../../support/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
  await publishTestProgramme(stack);
});
afterAll(async () => stack?.close());

const start = (key: string) =>
  stack.call('mingzhu', 'POST', '/api/cases', { programmeId: 'test-programme' }, { 'idempotency-key': key });

const mine = async () =>
  (await stack.call('mingzhu', 'GET', '/api/cases?limit=200')).body.items.map((c: any) => c.id as string);

describe('starting a case with an Idempotency-Key', () => {
  it('starts one case when the first attempt died before its response was recorded', async () => {
    const before = await mine();
    const first = await start('start-after-crash-1');
    expect(first.status, JSON.stringify(first.body)).toBe(201);

    // the server died between the case's writes and the idempotency record's: the record is left pending and its
    // lease runs out, so the retry runs the handler again
    const { db } = stack.runtime.deps;
    const userId = 'usr_mzdd00001';
    await db.update({
      Key: { PK: `IDEM#${userId}#start-after-crash-1`, SK: 'IDEM' },
      UpdateExpression: 'SET #s = :pending, leaseUntil = :past REMOVE #st, #b',
      ExpressionAttributeNames: { '#s': 'state', '#st': 'status', '#b': 'body' },
      ExpressionAttributeValues: { ':pending': 'pending', ':past': 0 },
    });

    const again = await start('start-after-crash-1');
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.executionArn).toBe(first.body.executionArn);
    const after = await mine();
    expect(after.filter((id: string) => !before.includes(id))).toEqual([first.body.id]);
  });

  it('starts a new case for a new key, and a random one without a key', async () => {
    const a = await start('start-after-crash-2');
    const b = await start('start-after-crash-3');
    const c = await stack.call('mingzhu', 'POST', '/api/cases', { programmeId: 'test-programme' });
    expect(new Set([a.body.id, b.body.id, c.body.id]).size).toBe(3);
    // another caller's identical key is another request
    const other = await stack.call(
      'lvyuan',
      'POST',
      '/api/cases',
      { programmeId: 'test-programme', organisationId: 'org_mzdd00001' },
      { 'idempotency-key': 'start-after-crash-2' },
    );
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    expect(other.body.id).not.toBe(a.body.id);
  });
});
