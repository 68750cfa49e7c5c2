import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, describe, expect, it } from 'vitest';
import { ROLE } from './support/engine.js';

/**
 * Crash test: the engine runs as a child process on a data directory; executions wait on Wait states, on task
 * tokens, and on a Lambda invocation in flight; the process is SIGKILLed and restarted on the same data; the
 * tokens issued before the crash complete their tasks; every execution succeeds with the right output.
 */
const script = fileURLToPath(new URL('./support/engine-process.ts', import.meta.url));

interface Proc {
  child: ChildProcess;
  sfn: SFNClient;
}

async function launch(dataDir: string, phase: string): Promise<Proc> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir, phase], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (c: Buffer) => {
      buf += c.toString();
      const line = buf.split('\n').find((l) => l.startsWith('{"url"'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`engine exited with ${code}`)));
  });
  const sfn = new SFNClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  return { child, sfn };
}

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

function lines(file: string): Array<Record<string, unknown>> {
  try {
    return readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  } catch {
    return [];
  }
}

describe('crash and restart', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sfn-crash-'));
  let proc: Proc | undefined;
  afterAll(() => {
    proc?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes every execution after SIGKILL: timers, tokens issued before the crash, in-flight Lambda tasks', async () => {
    proc = await launch(dataDir, '1');
    const machine = async (name: string, def: object): Promise<string> =>
      (
        await (proc as Proc).sfn.send(
          new CreateStateMachineCommand({ name, definition: JSON.stringify(def), roleArn: ROLE }),
        )
      ).stateMachineArn as string;
    const waitSm = await machine('waits', {
      StartAt: 'W',
      States: {
        W: { Type: 'Wait', SecondsPath: '$.s', Next: 'D' },
        D: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:double', End: true },
      },
    });
    const tokenSm = await machine('tokens', {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'openTask', Payload: { 'token.$': '$$.Task.Token', 'n.$': '$.n' } },
          ResultPath: '$.answer',
          End: true,
        },
      },
    });
    const inflightSm = await machine('inflight', {
      StartAt: 'L',
      States: {
        L: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: 'inFlight', Payload: { 'token.$': '$$.Task.Token' } },
          End: true,
        },
      },
    });
    const requestSm = await machine('request', {
      StartAt: 'L',
      States: {
        L: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:inFlight', End: true },
      },
    });
    const mapSm = await machine('mapped', {
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemProcessor: {
            StartAt: 'T',
            States: {
              T: {
                Type: 'Task',
                Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
                Parameters: { FunctionName: 'openTask', Payload: { 'token.$': '$$.Task.Token', 'n.$': '$' } },
                End: true,
              },
            },
          },
          End: true,
        },
      },
    });

    const start = async (sm: string, name: string, input: object): Promise<string> =>
      (
        await (proc as Proc).sfn.send(
          new StartExecutionCommand({ stateMachineArn: sm, name, input: JSON.stringify(input) }),
        )
      ).executionArn as string;
    const waits = [
      await start(waitSm, 'overdue', { s: 1, n: 5 }),
      await start(waitSm, 'later', { s: 4, n: 6 }),
    ];
    const tokenExecs = await Promise.all([0, 1, 2].map((n) => start(tokenSm, `t${n}`, { n })));
    const inflight = await start(inflightSm, 'inflight', {});
    const request = await start(requestSm, 'request', {});
    const mapped = await start(mapSm, 'mapped', [10, 20]);

    // Wait until every token task has been submitted and the in-flight functions were called.
    const tokenOf = async (sfn: SFNClient, arn: string): Promise<string[]> => {
      const h = await sfn.send(new GetExecutionHistoryCommand({ executionArn: arn, maxResults: 1000 }));
      const submitted = new Set(
        (h.events ?? []).filter((e) => e.type === 'TaskSubmitted').map((e) => e.previousEventId),
      );
      return (h.events ?? [])
        .filter((e) => e.type === 'TaskScheduled' && [...submitted].some((p) => (p as number) - 1 === e.id))
        .map(
          (e) =>
            (JSON.parse(e.taskScheduledEventDetails?.parameters as string) as { Payload: { token: string } })
              .Payload.token,
        );
    };
    const tokens = new Map<string, string[]>();
    for (const arn of [...tokenExecs, mapped])
      tokens.set(
        arn,
        await until(
          () => tokenOf((proc as Proc).sfn, arn),
          (t) => t.length === (arn === mapped ? 2 : 1),
        ),
      );
    const invocations = join(dataDir, 'invocations.log');
    await until(
      async () => lines(invocations).filter((l) => l.fn === 'inFlight').length,
      (n) => n === 2,
    );
    const inflightToken = lines(invocations).find((l) => l.fn === 'inFlight' && l.token)?.token;
    expect(inflightToken).toMatch(/^AQ/);

    proc.child.kill('SIGKILL');
    await new Promise((r) => proc?.child.once('exit', r));
    await new Promise((r) => setTimeout(r, 1200)); // the 1 s Wait is overdue by the time we restart
    proc = await launch(dataDir, '2');
    const sfn = proc.sfn;

    for (const arn of tokenExecs) {
      const [token] = tokens.get(arn) as string[];
      await sfn.send(
        new SendTaskSuccessCommand({
          taskToken: token as string,
          output: JSON.stringify({ ok: arn.slice(-2) }),
        }),
      );
    }
    for (const [i, token] of (tokens.get(mapped) as string[]).entries()) {
      await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify(`item${i}`) }));
    }
    // The callback task whose invocation was in flight is invoked again with the same token; answer it.
    const again = await until(
      async () => lines(invocations).filter((l) => l.fn === 'inFlight' && l.phase === '2'),
      (l) => l.length === 2,
    );
    expect(again.find((l) => l.token)?.token).toBe(inflightToken);
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: inflightToken as string, output: '"answered after restart"' }),
    );

    const describe = (arn: string): Promise<DescribeExecutionCommandOutput> =>
      until(
        () => sfn.send(new DescribeExecutionCommand({ executionArn: arn })),
        (d) => d.status !== 'RUNNING',
      );
    const results = new Map<string, unknown>();
    for (const arn of [...waits, ...tokenExecs, inflight, request, mapped]) {
      const d = await describe(arn);
      expect(d.status, `${arn}: ${String(d.cause)}`).toBe('SUCCEEDED');
      results.set(arn, JSON.parse(d.output as string));
    }
    expect(waits.map((a) => results.get(a))).toEqual([10, 12]);
    expect(tokenExecs.map((a) => results.get(a))).toEqual([
      { n: 0, answer: { ok: 't0' } },
      { n: 1, answer: { ok: 't1' } },
      { n: 2, answer: { ok: 't2' } },
    ]);
    expect(results.get(mapped)).toEqual(['item0', 'item1']);
    expect(results.get(inflight)).toBe('answered after restart');
    expect(results.get(request)).toEqual({ ranInPhase: '2' });

    // Every execution's end was notified (at least once), after the restart for those that ended then.
    const status = lines(join(dataDir, 'status.log'));
    for (const arn of [...waits, ...tokenExecs, inflight, request, mapped]) {
      expect(
        status.some((s) => s.arn === arn && s.status === 'SUCCEEDED'),
        arn,
      ).toBe(true);
    }
  }, 90_000);
});
