/**
 * Benchmark of the embedded Step Functions engine (`npm run bench engine` or
 * `node --import tsx tests/bench/engine.bench.ts`). Prints, in one run on this machine:
 * - executions/s of a 10-state Pass/Choice chain and of a 100-item Map, for aws-local-stepfunctions (in memory,
 *   in process: the peer) and for this engine durable (LevelDB) both in process (`engine.call`, no HTTP) and
 *   through the HTTP API with @aws-sdk/client-sfn; with the ratio to the peer;
 * - durable Task transitions/s (a chain of 10 lambda:invoke tasks, each persisted before and after its call);
 * - RSS, JS heap and CPU with 10,000 executions waiting on task tokens, without and with the step timeout that every
 *   cpflow human step has (each measured in a fresh child process).
 * An execution counts when it has SUCCEEDED and is durably stored.
 */
import '../support/polyfills.js';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ListExecutionsCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { StateMachine } from 'aws-local-stepfunctions';
import type { Engine } from '../../local/stepfunctions/index.js';
import { startEngine } from '../../local/stepfunctions/index.js';

const ROLE = 'arn:aws:iam::123456789012:role/bench';

function chain(): object {
  const states: Record<string, object> = {};
  for (let i = 0; i < 10; i++) {
    const next = i === 9 ? { End: true } : { Next: `S${i + 1}` };
    states[`S${i}`] =
      i % 2 === 1 && i !== 9
        ? {
            Type: 'Choice',
            Choices: [{ Variable: '$.n', NumericGreaterThanEquals: 0, Next: `S${i + 1}` }],
            Default: `S${i + 1}`,
          }
        : { Type: 'Pass', Result: { i }, ResultPath: `$.r${i}`, ...next };
  }
  return { StartAt: 'S0', States: states };
}

const map100 = {
  StartAt: 'M',
  States: {
    M: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'v.$': '$' }, End: true } } },
      End: true,
    },
  },
};
// Items start at 1: the peer cannot read `$` when it is 0 (a known difference, see docs/engine.md).
const mapInput = { items: Array.from({ length: 100 }, (_, i) => i + 1) };

function tasks(): object {
  const states: Record<string, object> = {};
  for (let i = 0; i < 10; i++) {
    states[`T${i}`] = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'noop', 'Payload.$': '$' },
      OutputPath: '$.Payload',
      ...(i === 9 ? { End: true } : { Next: `T${i + 1}` }),
    };
  }
  return { StartAt: 'T0', States: states };
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Runs `total` calls of `one` with `concurrency` workers; returns calls/s. */
async function rate(
  total: number,
  concurrency: number,
  one: (i: number) => Promise<unknown>,
  settle?: () => Promise<void>,
): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await one(next++);
    }),
  );
  await settle?.();
  return (total / (performance.now() - t0)) * 1000;
}

async function peerRate(
  definition: object,
  input: object,
  total: number,
  concurrency: number,
): Promise<number> {
  const sm = new StateMachine(definition as never);
  await sm.run(input as never).result;
  return rate(total, concurrency, () => sm.run(input as never).result);
}

interface Durable {
  engine: Engine;
  sfn: SFNClient;
  dir: string;
  close(): Promise<void>;
}

async function durableEngine(): Promise<Durable> {
  const dir = mkdtempSync(join(tmpdir(), 'sfn-bench-'));
  const engine = await startEngine({ port: 0, dataDir: dir, invoke: async (_fn, payload) => ({ payload }) });
  const sfn = new SFNClient({
    endpoint: engine.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  return {
    engine,
    sfn,
    dir,
    async close() {
      sfn.destroy();
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function succeeded(d: Durable, arn: string): Promise<number> {
  let count = 0;
  let nextToken: string | undefined;
  do {
    const page = await d.sfn.send(
      new ListExecutionsCommand({
        stateMachineArn: arn,
        statusFilter: 'SUCCEEDED',
        maxResults: 1000,
        ...(nextToken ? { nextToken } : {}),
      }),
    );
    count += page.executions?.length ?? 0;
    nextToken = page.nextToken;
  } while (nextToken);
  return count;
}

async function oursRate(
  d: Durable,
  definition: object,
  input: object,
  total: number,
  concurrency: number,
  via: 'call' | 'sdk',
): Promise<number> {
  const name = `bench-${Math.random().toString(36).slice(2, 8)}`;
  const { stateMachineArn } = await d.engine.call('CreateStateMachine', {
    name,
    definition: JSON.stringify(definition),
    roleArn: ROLE,
  });
  const text = JSON.stringify(input);
  const r = await rate(
    total,
    concurrency,
    via === 'call'
      ? () => d.engine.call('StartExecution', { stateMachineArn, input: text })
      : () =>
          d.sfn.send(new StartExecutionCommand({ stateMachineArn: stateMachineArn as string, input: text })),
    () => d.engine.idle(),
  );
  const done = await succeeded(d, stateMachineArn as string);
  if (done !== total) throw new Error(`${done} of ${total} executions succeeded`);
  return r;
}

/**
 * Peer and engine runs are measured in pairs, back to back, five rounds: other work on this (shared, 2-core)
 * machine slows both members of a pair alike, so the median of the per-pair ratios is the figure to trust; the
 * best rate of each series is printed too. Each engine run gets a fresh data directory.
 */
async function throughput(): Promise<void> {
  const fresh = async (f: (d: Durable) => Promise<number>): Promise<number> => {
    const d = await durableEngine();
    try {
      return await f(d);
    } finally {
      await d.close();
    }
  };
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  interface Pair {
    label: string;
    peer: () => Promise<number>;
    ours: () => Promise<number>;
  }
  const pairs: Pair[] = [
    {
      label: 'chain, sequential',
      peer: () => peerRate(chain(), { n: 1 }, 3000, 1),
      ours: () => fresh((d) => oursRate(d, chain(), { n: 1 }, 3000, 1, 'call')),
    },
    {
      label: 'chain, 64 concurrent',
      peer: () => peerRate(chain(), { n: 1 }, 3000, 64),
      ours: () => fresh((d) => oursRate(d, chain(), { n: 1 }, 6000, 64, 'call')),
    },
    {
      label: 'map100, 8 concurrent',
      peer: () => peerRate(map100, mapInput, 150, 8),
      ours: () => fresh((d) => oursRate(d, map100, mapInput, 300, 8, 'call')),
    },
  ];
  console.log(
    '\nexecutions/s: aws-local-stepfunctions (peer, in memory, in process) vs this engine (durable, LevelDB, in process)',
  );
  console.log(
    '                         peer best   engine best   engine/peer: median of 5 paired rounds (min–max)',
  );
  for (const pair of pairs) {
    const peers: number[] = [];
    const ours: number[] = [];
    for (let round = 0; round < 5; round++) {
      peers.push(await pair.peer());
      ours.push(await pair.ours());
    }
    const ratios = ours.map((o, i) => o / (peers[i] as number));
    console.log(
      `${pair.label.padEnd(24)} ${fmt(Math.max(...peers)).padStart(9)}   ${fmt(Math.max(...ours)).padStart(11)}   ` +
        `${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`,
    );
  }
  const chainSdk = await fresh((d) => oursRate(d, chain(), { n: 1 }, 3000, 32, 'sdk'));
  const mapSdk = await fresh((d) => oursRate(d, map100, mapInput, 200, 8, 'sdk'));
  console.log(
    `engine through the HTTP API with @aws-sdk/client-sfn (client in the same process): chain ${fmt(chainSdk)} exec/s ` +
      `(32 concurrent), map100 ${fmt(mapSdk)} exec/s (8 concurrent)`,
  );
  let taskBest = 0;
  for (let round = 0; round < 2; round++) {
    taskBest = Math.max(taskBest, await fresh((d) => oursRate(d, tasks(), { n: 1 }, 3000, 64, 'call')));
  }
  console.log(
    `\ndurable Task transitions/s (10 lambda:invoke tasks an execution, in process, 64 concurrent): ${fmt(taskBest * 10)}`,
  );
}

/**
 * Child-process part: 10,000 executions waiting on task tokens, durable. With `timeout`, each waiting step has
 * TimeoutSeconds (ten days), as every human step of a cpflow workflow has, so each execution also has a timer armed.
 */
async function waiting(timeout: boolean): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const dir = mkdtempSync(join(tmpdir(), 'sfn-bench-rss-'));
  const tokens: string[] = [];
  const engine = await startEngine({
    port: 0,
    dataDir: dir,
    invoke: async (_fn, payload) => {
      tokens.push((payload as { t: string }).t);
      return { payload: null };
    },
  });
  try {
    const def = {
      StartAt: 'Wait',
      States: {
        Wait: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'openTask', Payload: { 't.$': '$$.Task.Token', 'case.$': '$.case' } },
          ...(timeout ? { TimeoutSeconds: 864_000 } : {}),
          End: true,
        },
      },
    };
    const { stateMachineArn } = await engine.call('CreateStateMachine', {
      name: 'waiting',
      definition: JSON.stringify(def),
      roleArn: ROLE,
    });
    gc();
    const before = process.memoryUsage().rss;
    const started = performance.now();
    let i = 0;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (i < 10_000)
          await engine.call('StartExecution', {
            stateMachineArn,
            input: JSON.stringify({ case: `case-${i++}`, form: { title: 'x'.repeat(200) } }),
          });
      }),
    );
    await engine.idle();
    const startSeconds = (performance.now() - started) / 1000;
    gc();
    const { rss, heapUsed } = process.memoryUsage();
    // LevelDB compacts in the background after the burst of writes; then nothing runs while executions wait.
    const burst0 = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 3000));
    const burst = process.cpuUsage(burst0);
    const cpu0 = process.cpuUsage();
    await new Promise((r) => setTimeout(r, 3000));
    const cpu = process.cpuUsage(cpu0);
    // Prove they are really waiting: complete 100 of them.
    for (const token of tokens.slice(0, 100))
      await engine.call('SendTaskSuccess', { taskToken: token, output: '{"done":true}' });
    await engine.idle();
    const listed = await engine.call('ListExecutions', {
      stateMachineArn,
      statusFilter: 'RUNNING',
      maxResults: 1000,
    });
    console.log(
      JSON.stringify({
        waiting: 10_000,
        tokens: tokens.length,
        startSeconds,
        rssMB: rss / 1048576,
        heapMB: heapUsed / 1048576,
        rssBeforeMB: before / 1048576,
        settleCpuMsPerSecond: (burst.user + burst.system) / 1000 / 3,
        idleCpuMsPerSecond: (cpu.user + cpu.system) / 1000 / 3,
        stillRunningFirstPage: (listed.executions as unknown[]).length,
      }),
    );
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === 'waiting') {
    await waiting(process.argv[3] === 'timeout');
    return;
  }
  console.log(`engine benchmark — node ${process.version}, ${(await import('node:os')).cpus().length} CPUs`);
  await throughput();
  for (const timeout of [false, true]) {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), 'waiting', ...(timeout ? ['timeout'] : [])],
      { encoding: 'utf8' },
    );
    const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
    if (!line) {
      console.error(child.stderr);
      throw new Error('the waiting-executions measurement failed');
    }
    const w = JSON.parse(line) as {
      tokens: number;
      startSeconds: number;
      rssMB: number;
      heapMB: number;
      rssBeforeMB: number;
      settleCpuMsPerSecond: number;
      idleCpuMsPerSecond: number;
    };
    console.log(
      `\n10,000 executions waiting on task tokens${timeout ? ', each with its step timeout armed' : ''} (durable, fresh process): ` +
        `RSS ${w.rssMB.toFixed(0)} MB (${w.rssBeforeMB.toFixed(0)} MB before starting them), JS heap ${w.heapMB.toFixed(0)} MB; ` +
        `CPU while they wait ${w.idleCpuMsPerSecond.toFixed(1)} ms/s (${w.settleCpuMsPerSecond.toFixed(1)} ms/s in the first 3 s, LevelDB compaction); ` +
        `started in ${w.startSeconds.toFixed(1)} s; tokens issued ${w.tokens}`,
    );
  }
}

await main();
