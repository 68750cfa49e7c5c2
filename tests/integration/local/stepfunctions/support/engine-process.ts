/**
 * The engine as a separate process, for the crash test: `node --import tsx engine-process.ts <dataDir> <phase>`.
 * Prints `{"url": …}` on stdout once listening. Its Lambda functions log each invocation to
 * `<dataDir>/invocations.log` and each status change to `<dataDir>/status.log`, so the test can check what ran
 * again after a SIGKILL. In phase 1 `inFlight` never returns (the crash catches it in flight); in phase 2 it does.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEngine } from '../../../../../local/stepfunctions/index.js';

const [dataDir, phase] = process.argv.slice(2) as [string, string];
const log = (file: string, line: string): void => appendFileSync(join(dataDir, file), line + '\n');

const engine = await startEngine({
  port: 0,
  dataDir,
  invoke: async (fn, payload) => {
    const p = payload as { token?: string; n?: number };
    log('invocations.log', JSON.stringify({ fn, phase, token: p.token ?? null, n: p.n ?? null }));
    if (fn === 'openTask') return { payload: { opened: true } };
    if (fn === 'inFlight') {
      if (phase === '1') await new Promise(() => undefined);
      return { payload: { ranInPhase: phase } };
    }
    if (fn === 'double') return { payload: (p.n ?? 0) * 2 };
    const e = new Error(fn);
    e.name = 'Lambda.ResourceNotFoundException';
    throw e;
  },
  onExecutionStatusChange: async (c) =>
    log('status.log', JSON.stringify({ arn: c.executionArn, status: c.status })),
});
process.stdout.write(JSON.stringify({ url: engine.url }) + '\n');
