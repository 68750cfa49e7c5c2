/**
 * Issue 4's submission benchmark: a 300-field form submitted through the HTTP API (auth + AJV + store +
 * SendTaskSuccess + the next task opened by the workflow), autocannon at 32 connections (in a process of its own,
 * load.ts) against `npm start`'s stack in this process (embedded DynamoDB on LevelDB in its worker thread, durable
 * embedded engine). Also: the DynamoDB and Step Functions calls one submission makes (counted by the SDK clients'
 * middleware), and the time from submit to the next task in the assignee's inbox.
 *
 * BENCH_CASES (default 1000) sets the number of measured submissions, BENCH_WARMUP (default 200) the submissions
 * sent before them at the same concurrency and not measured (V8 optimises the server's code only after it has run
 * for a while; their latencies are printed apart); BENCH_PROFILE=<dir> writes a CPU profile of the main thread for
 * the measured phase only (summarise it with `node scripts/cpuprofile-summary.mjs <file>`).
 */
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance as perf } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import { loadConfig } from '../../lambdas/config';
import { callCounts } from '../../lambdas/adapters/dynamodb';
import { sfnCallCounts } from '../../lambdas/adapters/sfn';
import { ensureAdmin, loadRegions, seedDemo } from '../../local/bootstrap';
import { resumeStalled } from '../../lambdas/core/tasks/resume';
import { startLocalRuntime } from '../../local/runtime';
import { bigForm } from '../unit/lambdas/core/forms/big-form';
import { freePort } from '../support/dynamodb-local';
import type { LoadPlan, LoadReport, WarmReport } from './load';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
// two more for the calls counted one submission at a time
const CASES = Number(process.env.BENCH_CASES ?? 1000) + WARMUP + 2;
const CONNECTIONS = 32;

const dataDir = mkdtempSync(join(tmpdir(), 'cpflow-bench-sub-'));
const config = loadConfig(
  {},
  { dataDir, port: 0, dynamodbLocalPort: await freePort(), sfnLocalPort: await freePort() },
);
const runtime = await startLocalRuntime(config, { log: () => {} });
const { deps } = runtime;
await loadRegions(deps);
const adminPassword = (await ensureAdmin(deps))!;
const users = await seedDemo(deps, dataDir);
const server = serve({ fetch: runtime.app.fetch, port: await freePort(), hostname: '127.0.0.1' });
await new Promise<void>((r) => server.once('listening', () => r()));
const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

async function call(token: string | null, method: string, path: string, body?: unknown) {
  const res = await fetch(url + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
const login = async (username: string, password: string) =>
  (await call(null, 'POST', '/api/auth/login', { username, password })).body.token as string;

const admin = await login('admin', adminPassword);
const ent = await login('mingzhu', users.find((u) => u.username === 'mingzhu')!.password);
const form = bigForm();
const { id: _id, ...content } = form;
const small = {
  title: { zh: '确认', en: 'Confirm' },
  schema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] },
  uischema: { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/ok' }] },
  i18n: { zh: { 'ok.label': '确认' }, en: { 'ok.label': 'Confirm' } },
  examples: [{ ok: true }],
};
const step = (formId: string, next: string | null) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  Parameters: {
    FunctionName: 'cp-open-task',
    Payload: {
      'token.$': '$$.Task.Token',
      'caseId.$': '$.caseId',
      formId,
      assignee: { role: 'enterprise' },
      dueInDays: 5,
    },
  },
  ResultPath: `$.${formId.replace(/-/g, '')}`,
  TimeoutSeconds: 864000,
  Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Late' }],
  ...(next ? { Next: next } : { End: true }),
});
for (const [id, body] of [
  ['bench-big', content],
  ['bench-confirm', small],
] as const) {
  const put = await call(admin, 'PUT', `/api/admin/forms/${id}`, body);
  const pub = await call(admin, 'POST', `/api/admin/forms/${id}/publish`, {});
  if (put.status !== 200 || pub.status !== 200) throw new Error(`form ${id}: ${JSON.stringify(pub.body)}`);
}
await call(admin, 'PUT', '/api/admin/workflows/bench-flow', {
  title: { zh: '基准', en: 'Bench' },
  definition: {
    StartAt: 'Fill',
    States: {
      Fill: step('bench-big', 'Confirm'),
      Confirm: step('bench-confirm', null),
      Late: { Type: 'Fail', Error: 'Late' },
    },
  },
});
const wf = await call(admin, 'POST', '/api/admin/workflows/bench-flow/publish', {});
if (wf.status !== 200) throw new Error(JSON.stringify(wf.body));
await call(admin, 'PUT', '/api/admin/programmes/bench', {
  title: { zh: '基准', en: 'Bench' },
  kind: 'audit',
  workflowId: 'bench-flow',
  startRoles: ['enterprise'],
});

console.log(`starting ${CASES} cases…`);
const t = performance.now();
const caseIds: string[] = [];
for (let i = 0; i < CASES; i += 16) {
  const batch = await Promise.all(
    Array.from({ length: Math.min(16, CASES - i) }, () =>
      call(ent, 'POST', '/api/cases', { programmeId: 'bench' }),
    ),
  );
  caseIds.push(...batch.map((r) => r.body.id as string));
}
console.log(`  ${CASES} cases started in ${((performance.now() - t) / 1000).toFixed(1)} s`);
const fillTask = new Map<string, string>();
while (fillTask.size < CASES) {
  for (const caseId of caseIds) {
    if (fillTask.has(caseId)) continue;
    const steps = Object.keys(
      ((await call(ent, 'GET', `/api/cases/${caseId}`)).body.currentSteps as object) ?? {},
    );
    if (steps[0]) fillTask.set(caseId, steps[0]);
  }
}
const data = form.examples![0];
const tasks = caseIds.map((c) => fillTask.get(c)!);

// 1. calls per submission, counted: one submission in isolation (the process's first), until the next task is
// open; then a second one, warm (caches that live for the process are filled by then).
const counted = async (taskId: string) => {
  await runtime.engine?.idle();
  callCounts.clear();
  sfnCallCounts.clear();
  const one = await call(ent, 'POST', `/api/tasks/${taskId}/submit`, { data });
  if (one.status !== 200) throw new Error(JSON.stringify(one.body).slice(0, 500));
  await runtime.engine?.idle();
  return { ddb: Object.fromEntries(callCounts), sfn: Object.fromEntries(sfnCallCounts) };
};
const cold = await counted(tasks[0]!);
const warm = await counted(tasks[1]!);

// 2. throughput and latency at 32 connections, autocannon in a process of its own (load.ts)
const profileDir = process.env.BENCH_PROFILE;
const session = profileDir ? new Session() : undefined;
const load = fork(fileURLToPath(new URL('./load.ts', import.meta.url)), { execArgv: ['--import', 'tsx'] });
const fromLoad = <T>() =>
  new Promise<T>((resolve, reject) => {
    const exit = (code: number) => reject(new Error(`the load generator exited with ${code}`));
    load.once('exit', exit);
    load.once('message', (message) => {
      load.off('exit', exit);
      resolve(message as T);
    });
  });
// its start (Node, tsx and autocannon loading: 1.0–1.3 s beside a test run) is not part of the run
await fromLoad<'ready'>();
const measured = tasks.slice(2 + WARMUP);
const plan: LoadPlan = {
  url,
  token: ent,
  connections: CONNECTIONS,
  warmup: tasks.slice(2, 2 + WARMUP).map((id) => `/api/tasks/${id}/submit`),
  paths: measured.map((id) => `/api/tasks/${id}/submit`),
  body: JSON.stringify({ data }),
};
load.send(plan);
const { warm: warmRun } = await fromLoad<WarmReport>();
await runtime.engine?.idle();
if (session) {
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
callCounts.clear();
sfnCallCounts.clear();
const load0 = loadavg()[0]!;
const elu0 = perf.eventLoopUtilization();
const store0 = runtime.embeddedDynamo?.eventLoopUtilization();
const cpu0 = process.cpuUsage();
const t0 = perf.timeOrigin + perf.now();
load.send('go');
const { result, lastAnswerAt, cpuMs: loadCpuMs } = await fromLoad<LoadReport>();
// autocannon notices that its `amount` is done only at its next sample tick (once a second), so the run's wall
// time, and how busy the threads were, are taken to the last answer, not to autocannon's result: the idle tail
// after it adds to the event loops' idle time, not to their active time, nor to the CPU used.
const elu1 = perf.eventLoopUtilization();
const store1 = runtime.embeddedDynamo?.eventLoopUtilization();
const cpu = process.cpuUsage(cpu0);
const wallS = (lastAnswerAt - t0) / 1000;
const errors = result.non2xx + result.errors;
const errorKinds = `${result.non2xx} non-2xx (${result['4xx']} 4xx, ${result['5xx']} 5xx), ${result.timeouts} timed out`;
await runtime.engine?.idle();
const mainBusy = (elu1.active - elu0.active) / 1000 / wallS;
const storeBusy = store0 && store1 ? (store1.active - store0.active) / 1000 / wallS : undefined;
const load1 = loadavg()[0]!;
const runDdb = Object.fromEntries(callCounts);
const runSfn = Object.fromEntries(sfnCallCounts);
if (session) {
  const { profile } = await session.post('Profiler.stop');
  mkdirSync(profileDir!, { recursive: true });
  const file = join(profileDir!, `submission-${Date.now()}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  console.log(`profile of the autocannon phase: ${file}`);
  session.disconnect();
}

// 3. submit → next task in the assignee's inbox, sequentially
const more = 40;
const extra: string[] = [];
for (let i = 0; i < more; i++)
  extra.push((await call(ent, 'POST', '/api/cases', { programmeId: 'bench' })).body.id);
const open = new Map<string, string>();
while (open.size < more) {
  for (const caseId of extra) {
    const steps = Object.keys(
      ((await call(ent, 'GET', `/api/cases/${caseId}`)).body.currentSteps as object) ?? {},
    );
    if (steps[0]) open.set(caseId, steps[0]);
  }
}
const handoff: number[] = [];
for (const caseId of extra) {
  const start = performance.now();
  await call(ent, 'POST', `/api/tasks/${open.get(caseId)}/submit`, { data });
  // the next task is in the inbox once the case lists it and the assignee can open it
  for (;;) {
    const steps = Object.values(
      ((await call(ent, 'GET', `/api/cases/${caseId}`)).body.currentSteps as object) ?? {},
    ) as {
      taskId: string;
      formId: string;
    }[];
    const nextStep = steps.find((x) => x.formId === 'bench-confirm');
    if (nextStep && (await call(ent, 'GET', `/api/tasks/${nextStep.taskId}`)).status === 200) break;
  }
  handoff.push(performance.now() - start);
}
handoff.sort((a, b) => a - b);
const pct = (p: number) =>
  handoff[Math.min(handoff.length - 1, Math.floor((p / 100) * handoff.length))]!.toFixed(1);

console.log(
  `\nSubmission of a 300-field form through the API (${CONNECTIONS} connections, ${measured.length} submissions after ${WARMUP} to warm up):`,
);
console.table({
  // answered submissions over the wall time of the run (autocannon's own average is of whole-second counts)
  'submissions/s': { value: (result.requests.total / wallS).toFixed(1) },
  'latency p50 ms': { value: result.latency.p50 },
  'latency p99 ms': { value: result.latency.p99 },
  errors: { value: errors ? errorKinds : 0 },
});
console.log(
  `Warm-up before it (not measured): ${warmRun.requests} submissions, p50 ${warmRun.p50} ms, ` +
    `p99 ${warmRun.p99} ms, ${warmRun.errors} errors`,
);
const total = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
const line = (o: { ddb: Record<string, number>; sfn: Record<string, number> }) =>
  `DynamoDB ${total(o.ddb)} ${JSON.stringify(o.ddb)}; Step Functions ${total(o.sfn)} ${JSON.stringify(o.sfn)}`;
console.log(`Calls for one submission, up to the next task opened (first in the process): ${line(cold)}`);
console.log(`Calls for one submission, up to the next task opened (warm): ${line(warm)}`);
const per = (o: Record<string, number>) => (total(o) / measured.length).toFixed(2);
console.log(
  `Calls per submission over the autocannon run: DynamoDB ${per(runDdb)} ${JSON.stringify(runDdb)}; Step Functions ${per(runSfn)}`,
);
console.log(
  `During the run: main thread busy ${(mainBusy * 100).toFixed(0)} %` +
    (storeBusy !== undefined ? `, DynamoDB worker busy ${(storeBusy * 100).toFixed(0)} %` : '') +
    `; load average ${load0.toFixed(2)} → ${load1.toFixed(2)} (2 cores, shared)`,
);
const cpuMs = (cpu.user + cpu.system) / 1000;
const perSub = (ms: number) => (ms / measured.length).toFixed(1);
const ofCores = (ms: number) => ((ms / 1000 / wallS / 2) * 100).toFixed(0);
console.log(
  `CPU of the server process (every thread: API, engine, store worker, LevelDB, GC): ` +
    `${perSub(cpuMs)} ms per submission, ${ofCores(cpuMs)} % of the 2 cores; ` +
    `of the load generator (autocannon): ${perSub(loadCpuMs)} ms, ${ofCores(loadCpuMs)} %`,
);
console.log(
  `Submit → next task in the assignee's inbox (sequential, ${more} samples): p50 ${pct(50)} ms, p95 ${pct(95)} ms`,
);

// 4. what the stalled-submission pass costs after this many submissions (`npm start` runs it as it starts; the daily
// sweep over a day's): it reads every submitted task since its previous run and sends each its result again
callCounts.clear();
sfnCallCounts.clear();
const passStart = performance.now();
const pass = await resumeStalled(runtime.taskDeps, { olderThanMs: 0 });
console.log(
  `Stalled-submission pass over ${pass.resumed + pass.gone} submitted tasks (${pass.resumed} resumed, ${pass.gone} moved on): ` +
    `${(performance.now() - passStart).toFixed(0)} ms, DynamoDB ${JSON.stringify(Object.fromEntries(callCounts))}, ` +
    `Step Functions ${JSON.stringify(Object.fromEntries(sfnCallCounts))}`,
);

server.close();
await runtime.close();
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
