import { describe, expect, it } from 'vitest';
import {
  decodeChunk,
  encodeChunk,
  readHistory,
  historyOps,
} from '../../../../local/stepfunctions/repo/history.js';
import type { PumpEvent } from '../../../../local/stepfunctions/runtime/types.js';
import { Committer } from '../../../../local/stepfunctions/store/committer.js';
import type { Kv, KvOp } from '../../../../local/stepfunctions/store/kv.js';
import { MemoryKv } from '../../../../local/stepfunctions/store/memory.js';
import { BloomSet } from '../../../../local/stepfunctions/util/bloom.js';
import { TokenSigner, newSecret } from '../../../../local/stepfunctions/util/tokens.js';

/** A "durable" in-memory store whose writes are slow, to watch the committer group them. */
class SlowKv extends MemoryKv implements Kv {
  override readonly durable = true as never;
  batches: KvOp[][] = [];
  override async write(ops: KvOp[]): Promise<void> {
    this.batches.push(ops);
    await new Promise((r) => setTimeout(r, 5));
    this.writeSync(ops);
  }
}

describe('MemoryKv', () => {
  it('lists a bucket in key order, after a key, reversed, limited', async () => {
    const kv = new MemoryKv();
    await kv.write(['c', 'a', 'b', 'd'].map((k) => ({ b: 'x', k, v: k.toUpperCase() })));
    await kv.write([{ b: 'x', k: 'd' }]);
    expect(await kv.list('x')).toEqual([
      ['a', 'A'],
      ['b', 'B'],
      ['c', 'C'],
    ]);
    expect(await kv.list('x', { after: 'a', limit: 1 })).toEqual([['b', 'B']]);
    expect(await kv.list('x', { reverse: true, after: 'c' })).toEqual([
      ['b', 'B'],
      ['a', 'A'],
    ]);
    expect(await kv.list('other')).toEqual([]);
  });
});

describe('Committer (group commit)', () => {
  it('writes the first batch at once and groups those that arrive meanwhile', async () => {
    const kv = new SlowKv();
    const c = new Committer(kv);
    await Promise.all([1, 2, 3, 4].map((i) => c.commit([{ b: 'x', k: String(i), v: 'v' }])));
    expect(kv.batches.map((b) => b.length)).toEqual([1, 3]);
  });

  it('reads its own pending writes', async () => {
    const kv = new SlowKv();
    const c = new Committer(kv);
    const done = c.commit([{ b: 'x', k: 'k', v: 'new' }]);
    expect(await c.get('x', 'k')).toBe('new');
    expect(await kv.get('x', 'k')).toBeUndefined();
    await done;
    expect(await kv.get('x', 'k')).toBe('new');
  });
});

describe('history chunks', () => {
  const ev = (id: number): PumpEvent => ({ id, previousEventId: id - 1, timestamp: 0, type: 'T' });
  async function store(): Promise<Committer> {
    const c = new Committer(new MemoryKv());
    for (const chunk of [[1, 2, 3], [4], [5, 6], [7, 8, 9, 10]])
      await c.commit(historyOps('arn', chunk.map(ev)));
    return c;
  }

  it('pages forwards across chunks', async () => {
    const c = await store();
    const first = await readHistory(c, 'arn', { reverse: false, limit: 4 });
    expect(first.events.map((e) => e.id)).toEqual([1, 2, 3, 4]);
    const second = await readHistory(c, 'arn', { reverse: false, limit: 4, after: first.next as number });
    expect(second.events.map((e) => e.id)).toEqual([5, 6, 7, 8]);
    const last = await readHistory(c, 'arn', { reverse: false, limit: 4, after: second.next as number });
    expect(last.events.map((e) => e.id)).toEqual([9, 10]);
    expect(last.next).toBeUndefined();
  });

  it('pages backwards across chunks', async () => {
    const c = await store();
    const ids: number[] = [];
    let after: number | undefined;
    do {
      const page = await readHistory(c, 'arn', {
        reverse: true,
        limit: 3,
        ...(after !== undefined ? { after } : {}),
      });
      ids.push(...page.events.map((e) => e.id));
      after = page.next;
    } while (after !== undefined);
    expect(ids).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });
});

describe('compact history encoding', () => {
  it('round-trips events, sharing texts repeated within a chunk', () => {
    const text = JSON.stringify({ big: 'x'.repeat(200) });
    const events: PumpEvent[] = [
      { id: 5, previousEventId: 4, timestamp: 1000, type: 'PassStateExited', d: { name: 'A', output: text } },
      {
        id: 6,
        previousEventId: 5,
        timestamp: 1001,
        type: 'ChoiceStateEntered',
        d: { name: 'B', input: text },
      },
      {
        id: 7,
        previousEventId: 6,
        timestamp: 1003,
        type: 'TaskScheduled',
        d: { resourceType: 'lambda', resource: 'invoke', region: 'r', parameters: '{}' },
      },
      { id: 8, previousEventId: 7, timestamp: 1003, type: 'MapStateSucceeded' },
      { id: 9, previousEventId: 8, timestamp: 1004, type: 'ExecutionSucceeded', d: { output: text } },
    ];
    const encoded = encodeChunk(events);
    expect(encoded.length).toBeLessThan(text.length * 1.5 + 400);
    expect(decodeChunk(encoded)).toEqual([
      {
        id: 5,
        previousEventId: 4,
        timestamp: 1000,
        type: 'PassStateExited',
        stateExitedEventDetails: { name: 'A', output: text, outputDetails: { truncated: false } },
      },
      {
        id: 6,
        previousEventId: 5,
        timestamp: 1001,
        type: 'ChoiceStateEntered',
        stateEnteredEventDetails: { name: 'B', input: text, inputDetails: { truncated: false } },
      },
      {
        id: 7,
        previousEventId: 6,
        timestamp: 1003,
        type: 'TaskScheduled',
        taskScheduledEventDetails: {
          resourceType: 'lambda',
          resource: 'invoke',
          region: 'r',
          parameters: '{}',
        },
      },
      { id: 8, previousEventId: 7, timestamp: 1003, type: 'MapStateSucceeded' },
      {
        id: 9,
        previousEventId: 8,
        timestamp: 1004,
        type: 'ExecutionSucceeded',
        executionSucceededEventDetails: { output: text, outputDetails: { truncated: false } },
      },
    ]);
  });
});

describe('BloomSet', () => {
  it('never forgets a member and rarely imagines one', () => {
    const b = new BloomSet();
    for (let i = 0; i < 100_000; i++) b.add(`arn:aws:states:us-east-1:123456789012:execution:sm:${i}`);
    for (let i = 0; i < 100_000; i += 997)
      expect(b.mightHave(`arn:aws:states:us-east-1:123456789012:execution:sm:${i}`)).toBe(true);
    let false_ = 0;
    for (let i = 0; i < 10_000; i++) if (b.mightHave(`other:${i}`)) false_++;
    expect(false_).toBeLessThan(300);
  });
});

describe('TokenSigner', () => {
  it('verifies its own tokens only', () => {
    const s = new TokenSigner(newSecret());
    const t = s.issue();
    expect(t).toMatch(/^AQ[A-Za-z0-9_-]{54}$/);
    expect(s.verify(t)).toBe(true);
    expect(s.verify(t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A'))).toBe(false);
    expect(new TokenSigner(newSecret()).verify(t)).toBe(false);
    expect(s.verify('garbage')).toBe(false);
    expect(new Set(Array.from({ length: 1000 }, () => s.issue())).size).toBe(1000);
  });
});
