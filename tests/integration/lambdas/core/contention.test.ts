/**
 * Many writers on one case's event chain at once — a panel's experts answering together while their score steps
 * open (the 1,000-case soak found a full audit whose fifth score step was opened but never listed on its case).
 * Every append must land in turn; and an append that keeps losing the race must fail loudly as CaseBusyError, never
 * as ConditionFailedError, which callers read as "my own condition failed: this was done before".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createDynamoClient } from '../../../../lambdas/adapters/dynamodb';
import {
  appendEvents,
  CaseBusyError,
  caseKey,
  forgetHeads,
  GENESIS,
  listEvents,
  verifyChain,
  withHeadEvents,
} from '../../../../lambdas/core/cases/events';
import { ConditionFailedError } from '../../../../lambdas/core/db/errors';
import type { Db } from '../../../../lambdas/core/db/port';
import { ensureTable, startEmbeddedDynamo } from '../../../../local/dynamodb';

let store: Awaited<ReturnType<typeof startEmbeddedDynamo>>;
let db: Db;
let close: () => void;
const clock = { now: () => Date.now() };
const actor = { userId: 'workflow', role: 'system' };

beforeAll(async () => {
  store = await startEmbeddedDynamo({ port: 0 });
  const client = createDynamoClient({ endpoint: store.endpoint, region: 'us-east-1' });
  await ensureTable(client, 'cpflow-contention');
  db = createDb(client, 'cpflow-contention');
  close = () => client.destroy();
});
afterAll(async () => {
  close?.();
  await store?.close();
});

const headOf = (item: Record<string, unknown>) => ({
  lastSeq: item.lastSeq,
  lastHash: item.lastHash,
  lastEvent: item.lastEvent,
  prevEvent: item.prevEvent,
});

async function newCase(caseId: string) {
  await db.put({
    Item: { ...caseKey(caseId), type: 'case', lastSeq: 0, lastHash: GENESIS, currentSteps: {} },
  });
}

describe('appending to one case from many writers at once', () => {
  it('lands every step of a 24-writer burst on the case, each once, and the chain verifies', async () => {
    const caseId = 'case_contention0001';
    await newCase(caseId);
    const ids = Array.from({ length: 24 }, (_, i) => `task_${String(i).padStart(4, '0')}`);
    await Promise.all(
      ids.map((id) =>
        appendEvents(
          { db, clock },
          caseId,
          [{ kind: 'task.opened', actor, summary: id, data: { taskId: id } }],
          {
            set: ['#steps.#tid = :step'],
            add: ['#opened :tidSet'],
            names: { '#steps': 'currentSteps', '#tid': id, '#opened': 'openedTasks' },
            values: { ':step': { taskId: id }, ':tid': id, ':tidSet': new Set([id]) },
            condition: 'NOT contains(#opened, :tid)',
          },
        ),
      ),
    );
    const item = (await db.get({ Key: caseKey(caseId), ConsistentRead: true }))!;
    expect(Object.keys(item.currentSteps as object).sort()).toEqual(ids);
    expect([...(item.openedTasks as Set<string>)].sort()).toEqual(ids);
    // the last event may wait on the case item (D19)
    const events = withHeadEvents(await listEvents({ db }, caseId), headOf(item));
    expect(events.map((e) => e.summary).sort()).toEqual(ids);
    expect((await verifyChain(events, headOf(item))).valid).toBe(true);
  });

  it('fails a writer that never wins with CaseBusyError, not ConditionFailedError, and writes nothing of it', async () => {
    const caseId = 'case_contention0002';
    await newCase(caseId);
    // Before each of the loser's conditional updates, another writer (the plain store) really appends first.
    let rival = 0;
    const losing: Db = {
      ...db,
      update: async (req) => {
        await appendEvents({ db, clock }, caseId, [{ kind: 'rival', actor, summary: `rival ${++rival}` }]);
        return db.update(req);
      },
    };
    const attempt = appendEvents(
      { db: losing, clock },
      caseId,
      [{ kind: 'loser', actor, summary: 'never lands' }],
      {
        set: ['#steps.#tid = :step'],
        names: { '#steps': 'currentSteps', '#tid': 'task_loser' },
        values: { ':step': { taskId: 'task_loser' } },
      },
    );
    const err = await attempt.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CaseBusyError);
    expect(err).not.toBeInstanceOf(ConditionFailedError);
    forgetHeads();
    const item = (await db.get({ Key: caseKey(caseId), ConsistentRead: true }))!;
    expect(item.currentSteps).toEqual({});
    const events = await listEvents({ db }, caseId);
    expect(events.every((e) => e.kind === 'rival')).toBe(true);
    expect(events).toHaveLength(rival);
    expect((await verifyChain(events, headOf(item))).valid).toBe(true);
  });
});
