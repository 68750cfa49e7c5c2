/**
 * The case event chain when an event waits on the case item (D19): an append with nothing else to write leaves
 * its event there; the next append keeps it on the case item (`prevEvent`) until its own BatchWrite has written it,
 * so that append dying between its two writes loses nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoClient } from '../../../../lambdas/adapters/dynamodb';
import { createHttpDb } from '../../../../lambdas/adapters/dynamodb-http';
import {
  appendEvents,
  caseKey,
  eventKey,
  forgetHeads,
  GENESIS,
  listEvents,
  verifyChain,
  withHeadEvents,
} from '../../../../lambdas/core/cases/events';
import type { Db } from '../../../../lambdas/core/db/port';
import { ensureTable, startEmbeddedDynamo } from '../../../../local/dynamodb';

let store: Awaited<ReturnType<typeof startEmbeddedDynamo>>;
let db: Db & { destroy(): void };
const clock = { now: () => Date.parse('2026-03-01T08:00:00Z') };
const actor = { userId: 'usr_1', role: 'enterprise' };
type HeadItem = { lastSeq?: unknown; lastHash?: unknown; lastEvent?: unknown; prevEvent?: unknown };

beforeAll(async () => {
  store = await startEmbeddedDynamo({ port: 0 });
  const client = createDynamoClient({ endpoint: store.endpoint, region: 'us-east-1', unsigned: true });
  await ensureTable(client, 'cpflow-events');
  client.destroy();
  db = createHttpDb({ endpoint: store.endpoint, tableName: 'cpflow-events' });
});
afterAll(async () => {
  db?.destroy();
  await store?.close();
});

describe('case events that wait on the case item', () => {
  it('keeps a waiting event through the next append dying between its writes', async () => {
    const caseId = 'case_events00001';
    await db.put({ Item: { ...caseKey(caseId), type: 'case', lastSeq: 0, lastHash: GENESIS } });
    const ports = { db, clock };
    // 1: nothing else to write, so the event waits on the case item
    await appendEvents(ports, caseId, [{ kind: 'a', actor, summary: 'one' }]);
    expect(await db.get({ Key: eventKey(caseId, 1) })).toBeUndefined();
    // 2: the process dies at the BatchWrite that would write events 1 and 2 with its item
    const dying = { db: { ...db, batchWrite: () => Promise.reject(new Error('SIGKILL')) }, clock };
    await expect(
      appendEvents(dying, caseId, [{ kind: 'b', actor, summary: 'two' }], {
        items: [{ PK: 'X#1', SK: 'X', type: 'x' }],
      }),
    ).rejects.toThrow('SIGKILL');
    const head = (await db.get({ Key: caseKey(caseId), ConsistentRead: true })) as HeadItem | undefined;
    expect([(head?.prevEvent as { seq: number }).seq, (head?.lastEvent as { seq: number }).seq]).toEqual([
      1, 2,
    ]);
    const merged = withHeadEvents(await listEvents(ports, caseId), head);
    expect(merged.map((e) => e.summary)).toEqual(['one', 'two']);
    expect(await verifyChain(await listEvents(ports, caseId), head)).toEqual({ valid: true, events: 2 });
    // 3: after the restart (nothing cached) the next append writes what was missing
    forgetHeads();
    await appendEvents(ports, caseId, [{ kind: 'c', actor, summary: 'three' }]);
    const items = await listEvents(ports, caseId);
    expect(items.map((e) => e.seq)).toEqual([1, 2, 3]);
    const after = (await db.get({ Key: caseKey(caseId), ConsistentRead: true })) as HeadItem | undefined;
    expect(await verifyChain(items, after)).toEqual({ valid: true, events: 3 });
  });

  it('writes a waiting event with the next append of the same process, and never two in a row wait', async () => {
    const caseId = 'case_events00002';
    await db.put({ Item: { ...caseKey(caseId), type: 'case', lastSeq: 0, lastHash: GENESIS } });
    const ports = { db, clock };
    for (let i = 1; i <= 4; i++) await appendEvents(ports, caseId, [{ kind: 'k', actor, summary: `${i}` }]);
    // 1 waits, 2 writes 1 and 2, 3 waits, 4 writes 3 and 4
    expect((await listEvents(ports, caseId)).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });
});
