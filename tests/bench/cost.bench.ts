/**
 * AWS cost per case (issue 9 item 5): each programme's happy path run once on the local runtime (the same code the
 * AWS stack deploys; in-process, in-memory store and engine), with everything AWS bills for counted:
 *
 * - Step Functions (standard): state transitions = the `…StateEntered` events in GetExecutionHistory of every
 *   execution of the case tree (the round and its child audit, the members, the bank referrals), retries included;
 * - Lambda: every task-function invocation (logical name, measured wall time × the memory cdk/ gives it, which
 *   comes from lambdas/registry.ts) and the `api` function (1,024 MB) for every API request a person makes;
 *   cp-execution-events runs on each execution's start and end (EventBridge → Lambda on AWS, in-process here);
 * - DynamoDB (on-demand): the table's read and write units as the store reports them (ReturnConsumedCapacity,
 *   lambdas/adapters/dynamodb.ts `capacityMeter`), plus the index writes AWS adds for a table with three
 *   all-attribute GSIs, computed per write from the item before and after (1 unit per KB per index touched; two
 *   when a key changes), plus one unit per failed conditional write;
 * - API Gateway (HTTP API): the requests a person makes — per human step, the inbox, the task with its form, a
 *   draft save when a consultancy drafts it, the submission; and the start of the case. The benchmark's own polling
 *   is kept apart and not counted;
 * - S3: none on these paths (no uploads in the forms' examples): a file would add a PUT and a GET.
 *
 * Prices: us-east-1 list prices (see PRICES). Transitions per human step are printed so a wasteful workflow shows.
 * Run: `npm run bench -- cost` (or `node --import tsx tests/bench/cost.bench.ts`).
 */
import '../support/polyfills.js';
import { AsyncLocalStorage } from 'node:async_hooks';
import { canonicalJson } from '../../lambdas/core/canonical';
import { capacityMeter } from '../../lambdas/adapters/dynamodb';
import { ConditionFailedError } from '../../lambdas/core/db/errors';
import type { Db, Item, Key } from '../../lambdas/core/db/port';
import { loadCatalogue } from '../../lambdas/core/definitions/catalogue';
import { loadConfig } from '../../lambdas/config';
import { findTaskFunction } from '../../lambdas/registry';
import { ensureAdmin, loadRegions, seedDemo } from '../../local/bootstrap';
import { readCatalogue } from '../../local/catalogue';
import { startLocalRuntime } from '../../local/runtime';
import { actorFor, consultantFor } from '../support/programme-steps';
import type { Kind, Scenario } from '../soak/scenarios';
import { makeScenario } from '../soak/scenarios';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** us-east-1 list prices (USD), as on the AWS pricing pages cited in docs/benchmarks.md ("AWS cost per case"). */
export const PRICES = {
  sfnTransition: 0.025 / 1000, // Step Functions standard workflows, per state transition
  lambdaRequest: 0.2 / 1e6, // Lambda, per request
  lambdaGbSecondArm: 0.0000133334, // Lambda arm64 (cdk/constructs/cp-function.ts), per GB-second
  ddbWrite: 0.625 / 1e6, // DynamoDB on-demand, standard table class, per write request unit
  ddbRead: 0.125 / 1e6, // DynamoDB on-demand, per read request unit
  apiRequest: 1.0 / 1e6, // API Gateway HTTP API, per request (first 300 million a month)
  s3Put: 0.005 / 1000, // S3 Standard PUT
  s3Get: 0.0004 / 1000, // S3 Standard GET
};
const API_MEMORY_GB = 1; // cdk/stack.ts: the api function has 1,024 MB

type Category = 'api' | 'poll' | 'meter' | 'workflow';
const als = new AsyncLocalStorage<Category>();

interface Meter {
  tableReads: number;
  tableWrites: number;
  indexWrites: number;
  failedWrites: number;
  apiRequests: number;
  apiMs: number;
  invocations: Map<string, { n: number; ms: number }>;
}
const fresh = (): Meter => ({
  tableReads: 0,
  tableWrites: 0,
  indexWrites: 0,
  failedWrites: 0,
  apiRequests: 0,
  apiMs: 0,
  invocations: new Map(),
});
let meter = fresh();
const counted = () => {
  const c = als.getStore();
  return c !== 'poll' && c !== 'meter';
};

capacityMeter.record = (_op, kind, units) => {
  if (!counted()) return;
  if (kind === 'read') meter.tableReads += units;
  else meter.tableWrites += units;
};

// ---- index writes: AWS writes each all-attribute GSI an item is (or was) in --------------------------------------
const INDEXES = ['GSI1', 'GSI2', 'GSI3'];

/** DynamoDB's item size rules, for the JS values the DocumentClient writes. */
function sizeOf(v: unknown): number {
  if (v === null || v === undefined || typeof v === 'boolean') return 1;
  if (typeof v === 'string') return Buffer.byteLength(v);
  if (typeof v === 'number') return Math.ceil(String(Math.abs(v)).replace(/[.-]/g, '').length / 2) + 1;
  if (v instanceof Set) return [...v].reduce((n: number, x) => n + sizeOf(x), 0);
  if (Array.isArray(v)) return 3 + v.reduce((n: number, x) => n + 1 + sizeOf(x), 0);
  if (typeof v === 'object')
    return (
      3 +
      Object.entries(v as Record<string, unknown>).reduce(
        (n, [k, x]) => n + 1 + Buffer.byteLength(k) + sizeOf(x),
        0,
      )
    );
  return 1;
}
const itemUnits = (item: Item) =>
  Math.max(
    1,
    Math.ceil(Object.entries(item).reduce((n, [k, x]) => n + Buffer.byteLength(k) + sizeOf(x), 0) / 1024),
  );

function indexWrites(before: Item | undefined, after: Item | undefined): number {
  if (before && after && canonicalJson(before) === canonicalJson(after)) return 0;
  let units = 0;
  for (const i of INDEXES) {
    const inBefore = before && before[`${i}PK`] !== undefined && before[`${i}SK`] !== undefined;
    const inAfter = after && after[`${i}PK`] !== undefined && after[`${i}SK`] !== undefined;
    const sameKey =
      inBefore && inAfter && before[`${i}PK`] === after[`${i}PK`] && before[`${i}SK`] === after[`${i}SK`];
    if (sameKey) units += itemUnits(after!);
    else {
      if (inBefore) units += itemUnits(before!);
      if (inAfter) units += itemUnits(after!);
    }
  }
  return units;
}

const keyOf = (item: Item): Key => ({ PK: item.PK, SK: item.SK }) as Key;

function meteredDb(db: Db): Db {
  const read = (key: Key) => als.run('meter', () => db.get({ Key: key, ConsistentRead: true }));
  const write = async <T>(key: Key, run: () => Promise<T>, after?: Item | 'read'): Promise<T> => {
    if (!counted()) return run();
    const before = await read(key);
    try {
      const out = await run();
      meter.indexWrites += indexWrites(before, after === 'read' ? await read(key) : after);
      return out;
    } catch (err) {
      if (err instanceof ConditionFailedError) meter.failedWrites += 1;
      throw err;
    }
  };
  return {
    ...db,
    put: (req) => write(keyOf(req.Item), () => db.put(req), req.Item),
    update: (req) => write(req.Key, () => db.update(req), 'read'),
    delete: (req) => write(req.Key, () => db.delete(req), undefined),
    async batchWrite(req) {
      if (!counted()) return db.batchWrite(req);
      const puts = req.puts ?? [];
      const deletes = req.deletes ?? [];
      const before = await Promise.all([...puts.map(keyOf), ...deletes].map(read));
      await db.batchWrite(req);
      puts.forEach((p, i) => (meter.indexWrites += indexWrites(before[i], p)));
      deletes.forEach((_d, i) => (meter.indexWrites += indexWrites(before[puts.length + i], undefined)));
    },
  };
}

// ---- the runtime -------------------------------------------------------------------------------------------------
const dataDir = mkdtempSync(join(tmpdir(), 'cpflow-bench-cost-'));
const config = loadConfig({}, { dataDir, port: 0, dynamodbLocalPort: 0, sfnLocalPort: 0 });
const runtime = await startLocalRuntime(config, {
  inMemory: true,
  log: () => {},
  wrapDb: meteredDb,
  onInvoke: (name, ms) => {
    const s = meter.invocations.get(name) ?? { n: 0, ms: 0 };
    meter.invocations.set(name, { n: s.n + 1, ms: s.ms + ms });
  },
});
const { deps, app, engine } = runtime;
const adminPassword = await als.run('meter', async () => {
  await loadRegions(deps);
  return (await ensureAdmin(deps)) ?? '';
});
const users = await als.run('meter', () => seedDemo(deps, dataDir));
await als.run('meter', () => loadCatalogue(deps, readCatalogue('.')));
const passwords = new Map(users.map((u) => [u.username, u.password]));
passwords.set('admin', adminPassword);

const tokens = new Map<string, string>();
async function call(
  category: Category,
  username: string | null,
  method: string,
  path: string,
  body?: unknown,
) {
  let auth: Record<string, string> = {};
  if (username) {
    let t = tokens.get(username);
    if (!t) {
      const r = await call('meter', null, 'POST', '/api/auth/login', {
        username,
        password: passwords.get(username),
      });
      t = r.body.token as string;
      tokens.set(username, t);
    }
    auth = { authorization: `Bearer ${t}` };
  }
  const started = performance.now();
  const res = await als.run(category, () =>
    app.request(path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...auth },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }),
  );
  const text = await res.text();
  if (category === 'api') {
    meter.apiRequests++;
    meter.apiMs += performance.now() - started;
  }
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs a scenario's case tree to its end, each step as a person would: inbox, task, (draft), submit. */
async function drive(sc: Scenario): Promise<{ root: string; steps: number; caseIds: string[] }> {
  const started = await call('api', sc.starter, 'POST', '/api/cases', {
    programmeId: sc.programmeId,
    ...sc.startData(),
  });
  if (started.status !== 201) throw new Error(`start ${sc.kind}: ${JSON.stringify(started.body)}`);
  const root = started.body.id as string;
  const done = new Set<string>();
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`${sc.kind} ${root} did not finish`);
    const tree: any[] = [];
    const walk = async (id: string) => {
      const c = (await call('poll', 'gz.admin', 'GET', `/api/cases/${id}`)).body;
      tree.push(c);
      for (const k of c.children ?? []) await walk(k.id);
    };
    await walk(root);
    if (tree[0].status !== 'running') {
      if (tree[0].status !== 'completed') throw new Error(`${sc.kind} ${root} ended ${tree[0].status}`);
      await engine!.idle();
      await sleep(200);
      return { root, steps: done.size, caseIds: tree.map((c) => c.id) };
    }
    let acted = false;
    for (const c of tree) {
      for (const step of Object.values<any>(c.currentSteps ?? {})) {
        if (done.has(step.taskId)) continue;
        done.add(step.taskId);
        acted = true;
        const username = actorFor(step.assignee, c.organisationId);
        // the step is listed on the case before its task item is written (the same append's BatchWrite): wait, uncounted
        while ((await call('poll', username, 'GET', `/api/tasks/${step.taskId}`)).status === 404)
          await sleep(50);
        await call('api', username, 'GET', '/api/tasks');
        const t = (await call('api', username, 'GET', `/api/tasks/${step.taskId}`)).body;
        const data =
          sc.answer({
            formId: step.formId,
            stateName: t.stateName,
            username,
            example: t.form.examples[0],
            prefill: t.prefill,
            caseId: c.id,
          }) ?? t.form.examples[0];
        const consultant = step.assignee.role === 'enterprise' ? consultantFor(c.organisationId) : undefined;
        if (consultant) {
          await call('api', consultant, 'GET', '/api/tasks');
          await call('api', consultant, 'PUT', `/api/tasks/${step.taskId}/draft`, { data });
        }
        const sub = await call('api', username, 'POST', `/api/tasks/${step.taskId}/submit`, { data });
        if (sub.status !== 200) throw new Error(`${step.formId}: ${JSON.stringify(sub.body).slice(0, 300)}`);
      }
    }
    if (!acted) await sleep(50);
  }
}

/** State transitions of every execution of the tree, by state type, from GetExecutionHistory. */
async function transitions(caseIds: string[]) {
  const byType: Record<string, number> = {};
  let executions = 0;
  for (const id of caseIds) {
    const c = (await call('poll', 'gz.admin', 'GET', `/api/cases/${id}`)).body;
    if (!c.executionArn) continue;
    executions++;
    let nextToken: string | undefined;
    do {
      const page = (await engine!.call('GetExecutionHistory', {
        executionArn: c.executionArn,
        maxResults: 1000,
        ...(nextToken ? { nextToken } : {}),
      })) as { events: { type: string }[]; nextToken?: string };
      for (const e of page.events)
        if (e.type.endsWith('StateEntered')) {
          const t = e.type.replace('StateEntered', '');
          byType[t] = (byType[t] ?? 0) + 1;
        }
      nextToken = page.nextToken;
    } while (nextToken);
  }
  return { byType, total: Object.values(byType).reduce((a, b) => a + b, 0), executions };
}

interface Row {
  path: string;
  cases: number;
  humanSteps: number;
  transitions: number;
  byType: Record<string, number>;
  lambdaInvocations: number;
  lambdaGbS: number;
  apiRequests: number;
  apiGbS: number;
  rru: number;
  wru: number;
  wruTable: number;
  wruIndex: number;
  wruFailed: number;
  cost: Record<string, number>;
  total: number;
}

async function measure(path: string, sc: Scenario): Promise<{ row: Row; result: any; root: string }> {
  await engine!.idle();
  meter = fresh();
  const { root, steps, caseIds } = await drive(sc);
  const t = await transitions(caseIds);
  const m = meter;
  let lambdaInvocations = 0;
  let lambdaGbS = 0;
  for (const [name, s] of m.invocations) {
    const mb = findTaskFunction(name)?.memoryMb ?? 512;
    lambdaInvocations += s.n;
    // billed per ms, at least 1 ms per invocation
    lambdaGbS += (Math.max(s.ms, s.n) / 1000) * (mb / 1024);
  }
  const apiGbS = (m.apiMs / 1000) * API_MEMORY_GB;
  const wru = m.tableWrites + m.indexWrites + m.failedWrites;
  const rru = m.tableReads;
  const cost = {
    stepFunctions: t.total * PRICES.sfnTransition,
    lambda:
      (lambdaInvocations + m.apiRequests) * PRICES.lambdaRequest +
      (lambdaGbS + apiGbS) * PRICES.lambdaGbSecondArm,
    dynamodb: wru * PRICES.ddbWrite + rru * PRICES.ddbRead,
    apiGateway: m.apiRequests * PRICES.apiRequest,
    s3: 0,
  };
  const total = Object.values(cost).reduce((a, b) => a + b, 0);
  const detail = (await call('poll', 'gz.admin', 'GET', `/api/cases/${root}`)).body;
  return {
    root,
    result: detail.result,
    row: {
      path,
      cases: caseIds.length,
      humanSteps: steps,
      transitions: t.total,
      byType: t.byType,
      lambdaInvocations,
      lambdaGbS,
      apiRequests: m.apiRequests,
      apiGbS,
      rru,
      wru,
      wruTable: m.tableWrites,
      wruIndex: m.indexWrites,
      wruFailed: m.failedWrites,
      cost,
      total,
    },
  };
}

const rows: Row[] = [];
const TARGETS: Record<string, number> = { 'full audit': 0.01, 'quick audit': 0.003 };
const scenario = (kind: Kind) => makeScenario(0, kind);

const quick = await measure('quick audit', scenario('quick'));
rows.push(quick.row);
const cert = quick.result.audit.certificate;
const incentive = scenario('incentive');
incentive.resource = {
  certificateId: cert.certificateId,
  auditCaseId: quick.result.auditCaseId,
  validUntil: cert.validUntil,
  ruleId: 'audit-fee-share',
};
rows.push((await measure('incentive', incentive)).row);
const credit = scenario('green-credit');
credit.resource = {
  certificateId: cert.certificateId,
  auditCaseId: quick.result.auditCaseId,
  validUntil: '',
};
rows.push((await measure('green credit (2 banks)', credit)).row);
rows.push((await measure('special audit', scenario('special'))).row);
rows.push((await measure('full audit', scenario('full'))).row);
rows.push((await measure('integrated audit (2 members)', scenario('integrated'))).row);
rows.push((await measure('renewal round (quick)', scenario('renewal'))).row);

const usd = (x: number) => `$${x.toFixed(5)}`;
console.log('\nAWS cost per case, happy paths, us-east-1 list prices (one run each on this machine)\n');
console.log(
  [
    'path'.padEnd(30),
    'cases',
    'steps',
    'transitions',
    'tr/step',
    'λ inv',
    'λ GB-s',
    'API req',
    'API GB-s',
    'RRU',
    'WRU',
    'SFN',
    'Lambda',
    'DynamoDB',
    'API GW',
    'total',
    'target',
  ].join(' | '),
);
for (const r of rows) {
  const target = TARGETS[r.path];
  console.log(
    [
      r.path.padEnd(30),
      r.cases,
      r.humanSteps,
      r.transitions,
      (r.transitions / Math.max(1, r.humanSteps)).toFixed(1),
      r.lambdaInvocations,
      r.lambdaGbS.toFixed(2),
      r.apiRequests,
      r.apiGbS.toFixed(2),
      r.rru.toFixed(1),
      r.wru.toFixed(0),
      usd(r.cost.stepFunctions!),
      usd(r.cost.lambda!),
      usd(r.cost.dynamodb!),
      usd(r.cost.apiGateway!),
      usd(r.total),
      target === undefined ? '' : `${usd(target)} ${r.total <= target ? 'met' : 'MISSED'}`,
    ].join(' | '),
  );
}
console.log(
  '\nWrite units: table + index (3 all-attribute GSIs) + failed conditional writes, per human step:',
);
for (const r of rows)
  console.log(
    `  ${r.path.padEnd(30)} ${r.wruTable} + ${r.wruIndex} + ${r.wruFailed} = ${r.wru}` +
      ` (${(r.wru / Math.max(1, r.humanSteps)).toFixed(0)} a step; index share ${Math.round((100 * r.wruIndex) / Math.max(1, r.wru))} %)`,
  );
console.log('\nState transitions by state type (what a wasteful workflow would show):');
for (const r of rows) console.log(`  ${r.path.padEnd(30)} ${JSON.stringify(r.byType)}`);
console.log(`\nJSON ${JSON.stringify(rows)}`);

await runtime.close();
rmSync(dataDir, { recursive: true, force: true });
