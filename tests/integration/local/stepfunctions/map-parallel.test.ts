import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './support/engine.js';
import { FunctionError, output, single, testEngine } from './support/engine.js';

/**
 * Map (inline) and Parallel: https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html and
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-parallel.html
 */
describe('Map and Parallel states', () => {
  let t: TestEngine;
  let running = 0;
  let peak = 0;
  beforeAll(async () => {
    t = await testEngine({
      handlers: {
        slow: async (p) => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 15));
          running--;
          return p;
        },
        failOn3: (p) => {
          if ((p as { v: number }).v === 3) throw new FunctionError('ItemFailed', 'item 3 failed');
          return p;
        },
      },
    });
  });
  afterAll(() => t.close());

  it('maps ItemsPath with ItemSelector and $$.Map.Item, keeping item order', async () => {
    // The ItemSelector example of the guide: each iteration gets the Map input ($) and the item context.
    const arn = await t.machine(
      single({
        Type: 'Map',
        ItemsPath: '$.detail.shipped',
        ItemSelector: {
          'parcel.$': '$$.Map.Item.Value',
          'index.$': '$$.Map.Item.Index',
          'courier.$': '$.detail.courier',
        },
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'P',
          States: { P: { Type: 'Pass', End: true } },
        },
        ResultPath: '$.detail.result',
      }),
    );
    const d = await t.run(arn, {
      detail: { courier: 'UQS', shipped: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] },
    });
    expect((output(d) as { detail: { result: unknown } }).detail.result).toEqual([
      { parcel: { id: 'a' }, index: 0, courier: 'UQS' },
      { parcel: { id: 'b' }, index: 1, courier: 'UQS' },
      { parcel: { id: 'c' }, index: 2, courier: 'UQS' },
    ]);
  });

  it('supports the legacy Iterator and Parameters fields', async () => {
    const arn = await t.machine(
      single({
        Type: 'Map',
        Parameters: { 'v.$': '$$.Map.Item.Value' },
        Iterator: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
      }),
    );
    expect(output(await t.run(arn, [1, 2]))).toEqual([{ v: 1 }, { v: 2 }]);
  });

  it('limits concurrency to MaxConcurrency and keeps order with slow tasks', async () => {
    peak = 0;
    const arn = await t.machine(
      single({
        Type: 'Map',
        MaxConcurrency: 2,
        ItemProcessor: {
          StartAt: 'T',
          States: {
            T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:slow', End: true },
          },
        },
      }),
    );
    const d = await t.run(arn, [5, 4, 3, 2, 1, 0]);
    expect(output(d)).toEqual([5, 4, 3, 2, 1, 0]);
    expect(peak).toBe(2);
  });

  it('runs all items at once when MaxConcurrency is 0, and MaxConcurrencyPath works', async () => {
    peak = 0;
    const arn = await t.machine(
      single({
        Type: 'Map',
        ItemsPath: '$.items',
        MaxConcurrencyPath: '$.max',
        ItemProcessor: {
          StartAt: 'T',
          States: {
            T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:slow', End: true },
          },
        },
      }),
    );
    await t.run(arn, { items: [1, 2, 3, 4], max: 0 });
    expect(peak).toBe(4);
  });

  it('returns [] for no items and records MapStateStarted with the length', async () => {
    const d = await t.run(
      await t.machine(
        single({ Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } }),
      ),
      [],
    );
    expect(output(d)).toEqual([]);
    const events = await t.history(d.executionArn as string);
    expect(events.find((e) => e.type === 'MapStateStarted')?.mapStateStartedEventDetails?.length).toBe(0);
  });

  it('fails the Map when an iteration fails, aborting the others, and Catch handles it', async () => {
    const arn = await t.machine({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemSelector: { 'v.$': '$$.Map.Item.Value' },
          ItemProcessor: {
            StartAt: 'T',
            States: {
              T: {
                Type: 'Task',
                Resource: 'arn:aws:lambda:us-east-1:123456789012:function:failOn3',
                End: true,
              },
            },
          },
          Catch: [{ ErrorEquals: ['ItemFailed'], ResultPath: '$.error', Next: 'Handled' }],
          End: true,
        },
        Handled: { Type: 'Pass', End: true },
      },
    });
    const d = await t.run(arn, { items: [1, 2, 3, 4] });
    expect(d.status).toBe('SUCCEEDED');
    expect((output(d) as { error: { Error: string } }).error.Error).toBe('ItemFailed');
    const types = (await t.history(d.executionArn as string)).map((e) => e.type);
    expect(types).toContain('MapIterationFailed');
    expect(types).toContain('MapStateFailed');
  });

  it('errors when ItemsPath is not an array', async () => {
    const d = await t.run(
      await t.machine(
        single({ Type: 'Map', ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } }),
      ),
      { a: 1 },
    );
    expect(d.error).toBe('States.Runtime');
  });

  it('runs Parallel branches on the same input and collects outputs in branch order', async () => {
    const arn = await t.machine(
      single({
        Type: 'Parallel',
        Parameters: { 'n.$': '$.n' },
        Branches: [
          {
            StartAt: 'A',
            States: {
              A: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:slow', End: true },
            },
          },
          { StartAt: 'B', States: { B: { Type: 'Pass', Result: 'b', End: true } } },
        ],
        ResultSelector: { 'first.$': '$[0]', 'second.$': '$[1]' },
        ResultPath: '$.out',
      }),
    );
    const d = await t.run(arn, { n: 1 });
    expect(output(d)).toEqual({ n: 1, out: { first: { n: 1 }, second: 'b' } });
    const types = (await t.history(d.executionArn as string)).map((e) => e.type);
    expect(types.slice(0, 4)).toEqual([
      'ExecutionStarted',
      'ParallelStateEntered',
      'ParallelStateStarted',
      expect.stringMatching(/StateEntered$/),
    ]);
    expect(types.slice(-3)).toEqual(['ParallelStateSucceeded', 'ParallelStateExited', 'ExecutionSucceeded']);
  });

  it('fails the Parallel with the failing branch error', async () => {
    const arn = await t.machine(
      single({
        Type: 'Parallel',
        Branches: [
          { StartAt: 'A', States: { A: { Type: 'Fail', Error: 'BranchError', Cause: 'because' } } },
          { StartAt: 'B', States: { B: { Type: 'Wait', Seconds: 100, End: true } } },
        ],
      }),
    );
    const d = await t.run(arn, {});
    expect(d.status).toBe('FAILED');
    expect(d.error).toBe('BranchError');
    expect(d.cause).toBe('because');
  });

  it('nests Map inside Parallel inside Map', async () => {
    const arn = await t.machine(
      single({
        Type: 'Map',
        ItemProcessor: {
          StartAt: 'Par',
          States: {
            Par: {
              Type: 'Parallel',
              Branches: [
                {
                  StartAt: 'Inner',
                  States: {
                    Inner: {
                      Type: 'Map',
                      ItemsPath: '$.xs',
                      ItemProcessor: { StartAt: 'Q', States: { Q: { Type: 'Pass', End: true } } },
                      End: true,
                    },
                  },
                },
              ],
              End: true,
            },
          },
        },
      }),
    );
    expect(output(await t.run(arn, [{ xs: [1, 2] }, { xs: [] }]))).toEqual([[[1, 2]], [[]]]);
  });
});
