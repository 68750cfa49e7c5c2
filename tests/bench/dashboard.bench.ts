/**
 * Issue 9's list and dashboard queries at 100,000 cases (`BENCH_DASHBOARD_CASES` for fewer): `npm start`'s stack in
 * this process (embedded DynamoDB on LevelDB in its worker thread), the HTTP API on a loopback port, requests one at
 * a time from this process; p50 / p95 per query.
 *
 * Seeding writes items straight to the embedded DynamoDB with BatchWriteItem (25 per call, 8 calls in flight), in the
 * shape the app writes them: case items from core's `caseToItem` as a case looks after `cp-open-task` opened a step
 * (stage, current step, last event, opened tasks) or after it closed (quality and savings kept at close),
 * certificates from `certificateToItem`, consultancies from `organisationToItem` and their authorisations as
 * `authoriseConsultancy` writes them. Event, task and submission items are not written: the measured queries never
 * read them (the table is smaller than a real one with that many cases — docs/benchmarks.md).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { loadConfig } from '../../lambdas/config';
import type { Case, CaseStatus } from '../../lambdas/core/cases/model';
import { caseToItem } from '../../lambdas/core/cases/model';
import type { Certificate } from '../../lambdas/core/certificates/model';
import { certificateToItem, chinaDate } from '../../lambdas/core/certificates/model';
import { rollupDashboard } from '../../lambdas/core/dashboard/rollup';
import type { Item } from '../../lambdas/core/db/port';
import { organisationToItem } from '../../lambdas/core/identity/organisations';
import { addDays } from '../../lambdas/core/reminders/dates';
import { ensureAdmin, loadRegions, seedDemo } from '../../local/bootstrap';
import { startLocalRuntime } from '../../local/runtime';
import { freePort } from '../support/dynamodb-local';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const CASES = Number(process.env.BENCH_DASHBOARD_CASES ?? 100_000);
const SAMPLES = Number(process.env.BENCH_DASHBOARD_SAMPLES ?? 200);
const ENTERPRISES = Math.max(10, Math.round(CASES / 20));
const CONSULTANCIES = 40;

// BENCH_DASHBOARD_DATA_DIR keeps the seeded store for another run (seeding 100,000 cases takes minutes).
const keep = process.env.BENCH_DASHBOARD_DATA_DIR;
const dataDir = keep ?? mkdtempSync(join(tmpdir(), 'cpflow-bench-dash-'));
const marker = join(dataDir, 'bench-seeded.json');
const seeded = existsSync(marker)
  ? (JSON.parse(readFileSync(marker, 'utf8')) as {
      cases: number;
      certificates: number;
      adminPassword: string;
    })
  : undefined;
if (seeded && seeded.cases !== CASES) throw new Error(`${dataDir} holds ${seeded.cases} cases, not ${CASES}`);
const config = loadConfig(
  {},
  { dataDir, port: 0, dynamodbLocalPort: await freePort(), sfnLocalPort: await freePort() },
);
const runtime = await startLocalRuntime(config, { log: () => {} });
const { deps } = runtime;
await loadRegions(deps);
const adminPassword = seeded?.adminPassword ?? (await ensureAdmin(deps))!;
const users = await seedDemo(deps, dataDir);
const server = serve({ fetch: runtime.app.fetch, port: await freePort(), hostname: '127.0.0.1' });
await new Promise<void>((r) => server.once('listening', () => r()));
const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

/** sfc32, seeded: the same data on every run. */
function prng(a: number, b: number, c: number, d: number) {
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0; // prettier-ignore
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}
const rnd = prng(0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x12345678);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const DISTRICTS = [
  '86/440000/440100/440106/',
  '86/440000/440100/440111/',
  '86/440000/440100/440112/',
  '86/440000/440100/440113/',
  '86/440000/440300/440305/',
  '86/440000/440300/440306/',
];
const PROGRAMMES = [
  ['audit-quick', 'audit', '快速（简易流程）清洁生产审核'],
  ['audit-full', 'audit', '全面清洁生产审核'],
  ['audit-special', 'audit', '专项清洁生产审核'],
  ['incentive', 'incentive', '清洁生产奖补申请'],
  ['green-credit', 'green-credit', '绿色信贷推荐'],
  ['renewal', 'renewal', '审核证书续期'],
] as const;
const STAGES = ['现状调查', '改进方案', '报告提交', '报告修改', '形式审查', '快速审核评审', '公示', '验收'];
const INDUSTRIES = ['C3360', 'C2614', 'C3130', 'C1713', 'C3982', 'D4411', 'C2319', 'C3389', 'B0610', 'E4720'];
const NOW = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
const code = (n: number, width: number) => n.toString(36).padStart(width, '0');

const enterprises = Array.from({ length: ENTERPRISES }, (_, i) => {
  const district = pick(DISTRICTS);
  const town = `${district.split('/')[3]}${String(100 + (i % 9) * 100).padStart(3, '0')}`;
  return { id: `org_bench${code(i, 6)}`, regionPath: `${district}${town}/`, industry: pick(INDUSTRIES) };
});
const consultancies = Array.from({ length: CONSULTANCIES }, (_, i) => `org_bcons${code(i, 5)}`);

function caseItem(i: number): { item: Item; certificate?: Item } {
  const e = enterprises[i % ENTERPRISES]!;
  const [programmeId, kind, title] = pick(PROGRAMMES);
  const r = rnd();
  const status: CaseStatus = r < 0.3 ? 'running' : r < 0.9 ? 'completed' : r < 0.98 ? 'failed' : 'stopped';
  const createdMs = NOW - Math.floor(rnd() * 4 * 365) * 86_400_000 - Math.floor(rnd() * 86_400_000);
  const id = `case_bench${code(i, 8)}`;
  const taskId = `task_${code(i, 10)}${'0'.repeat(16)}`;
  const stage = pick(STAGES);
  const dueAt = iso(NOW + (Math.floor(rnd() * 60) - 20) * 86_400_000);
  const running = status === 'running';
  const c: Case = {
    id,
    programmeId,
    programmeTitle: { zh: title, en: programmeId },
    kind,
    workflowId: programmeId,
    workflowVersion: 1,
    versionArn: `arn:aws:states:us-east-1:123456789012:stateMachine:cpflow-${programmeId}:1`,
    executionArn: `arn:aws:states:us-east-1:123456789012:execution:cpflow-${programmeId}:${id}`,
    organisationId: e.id,
    organisationName: `基准企业${i % ENTERPRISES}有限公司`,
    regionPath: e.regionPath,
    district: e.regionPath.split('/')[3],
    industryCode: e.industry,
    status,
    stage,
    currentSteps: running
      ? {
          [taskId]: {
            taskId,
            title: stage,
            formId: 'report-submission',
            stage,
            assignee: { role: 'enterprise', organisationId: e.id },
            openedAt: iso(createdMs),
            dueAt,
          },
        }
      : {},
    startedBy: 'usr_bench0001',
    createdAt: iso(createdMs),
    updatedAt: iso(createdMs + 86_400_000),
    ...(running ? {} : { endedAt: iso(createdMs + 90 * 86_400_000) }),
    lastSeq: 12,
    lastHash: 'a'.repeat(64),
    lastEvent: {
      caseId: id,
      seq: 12,
      at: iso(createdMs + 86_400_000),
      kind: running ? 'task.opened' : `case.${status}`,
      actor: { userId: 'workflow', role: 'system' },
      summary: running ? `待办：${stage}` : '流程已完成',
      data: running
        ? { taskId, formId: 'report-submission', formVersion: 3, dueAt }
        : { status: 'SUCCEEDED' },
      prevHash: 'b'.repeat(64),
      hash: 'a'.repeat(64),
    },
  };
  const item: Item = {
    ...caseToItem(c),
    openedTasks: new Set(Array.from({ length: 6 }, (_, k) => `${taskId.slice(0, -2)}${k}${k}`)),
  };
  if (!running)
    item.quality = { revisionLoops: Math.floor(rnd() * 3), block: Math.floor(rnd() * 3), warn: 1 };
  if (status === 'completed' && kind === 'audit') {
    const tce = Math.round(rnd() * 500) / 10;
    item.savings = {
      year: new Date(createdMs).getUTCFullYear(),
      tce,
      waterT: Math.round(rnd() * 5000),
      co2T: Math.round(tce * 2.4 * 10) / 10,
      pollutants: { COD: Math.round(rnd() * 30) / 10, SO2: Math.round(rnd() * 10) / 10 },
    };
    const validFrom = chinaDate(createdMs + 90 * 86_400_000);
    const cert: Certificate = {
      id: `cert_bench${code(i, 8)}`,
      number: `GDCP-4401-${validFrom.slice(0, 4)}-${code(i, 6)}`,
      caseId: id,
      programmeId,
      holderOrgId: e.id,
      holderName: c.organisationName,
      regionPath: e.regionPath,
      auditType: { zh: title, en: programmeId },
      grade: 'good',
      score: 85,
      issuedAt: iso(createdMs + 90 * 86_400_000),
      validFrom,
      validUntil: addDays(validFrom, 5 * 365 - 1),
      validityYears: 5,
      status: 'valid',
      policy: 'certificate-policy@0',
    };
    return { item, certificate: certificateToItem(cert) };
  }
  return { item };
}

async function writeAll(items: Item[]) {
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  for (let i = 0; i < batches.length; i += 8)
    await Promise.all(batches.slice(i, i + 8).map((puts) => deps.db.batchWrite({ puts })));
}

// --- seed ---------------------------------------------------------------------------------------------------
let certificates = seeded?.certificates ?? 0;
let seedSeconds = 0;
if (seeded) console.log(`reusing ${CASES} seeded cases in ${dataDir}`);
else {
  console.log(`seeding ${CASES} cases (${ENTERPRISES} enterprises, ${CONSULTANCIES} consultancies)…`);
  const seedStart = performance.now();
  const at = iso(NOW);
  await writeAll(
    consultancies.map((id, i) =>
      organisationToItem({
        id,
        kind: 'consultancy',
        name: `基准咨询${i}`,
        regionCode: '440106',
        regionPath: DISTRICTS[0]!,
        profile: {},
        status: 'active',
        version: 1,
        createdAt: at,
        updatedAt: at,
      }),
    ),
  );
  await writeAll(
    enterprises.map((e, i) => {
      const consultancyId = consultancies[i % CONSULTANCIES]!;
      return {
        PK: `ORG#${e.id}`,
        SK: `CONSULTANCY#${consultancyId}`,
        type: 'consultancy-authorisation',
        enterpriseId: e.id,
        consultancyId,
        grantedAt: at,
        GSI1PK: `AUTHORISED#${consultancyId}`,
        GSI1SK: e.id,
      };
    }),
  );
  const CHUNK = 5_000;
  for (let start = 0; start < CASES; start += CHUNK) {
    const items: Item[] = [];
    for (let i = start; i < Math.min(CASES, start + CHUNK); i++) {
      const { item, certificate } = caseItem(i);
      items.push(item);
      if (certificate) {
        items.push(certificate);
        certificates++;
      }
    }
    await writeAll(items);
    if ((start / CHUNK) % 4 === 3)
      console.log(`  ${start + CHUNK} cases, ${((performance.now() - seedStart) / 1000).toFixed(0)} s`);
  }
  seedSeconds = (performance.now() - seedStart) / 1000;
  console.log(
    `  seeded ${CASES} cases + ${certificates} certificates in ${seedSeconds.toFixed(1)} s (${Math.round((CASES + certificates) / seedSeconds)} items/s)`,
  );
  writeFileSync(marker, JSON.stringify({ cases: CASES, certificates, adminPassword }));
}

// --- roll-up -------------------------------------------------------------------------------------------------
const rollups: number[] = [];
for (let i = 0; i < 2; i++) {
  const t = performance.now();
  const report = await rollupDashboard(deps);
  rollups.push(performance.now() - t);
  console.log(
    `  roll-up ${i + 1}: ${report.cases} cases → ${report.snapshots} snapshots in ${(rollups[i]! / 1000).toFixed(1)} s`,
  );
}

// --- queries through the HTTP API --------------------------------------------------------------------------------
async function login(username: string) {
  const password =
    username === 'admin' ? adminPassword : users.find((u) => u.username === username)!.password;
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return ((await res.json()) as { token: string }).token;
}
const tokens = { admin: await login('admin'), gz: await login('gz.admin') };

async function get(token: string, path: string) {
  const t = performance.now();
  const res = await fetch(url + path, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { items?: unknown[]; cursor?: string; cases?: { total: number } };
  const ms = performance.now() - t;
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return { ms, body };
}

const pct = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
const rows: string[][] = [];
async function measure(label: string, token: string, path: () => string | Promise<string>) {
  for (let i = 0; i < 5; i++) await get(token, await path()); // warm-up
  const times: number[] = [];
  let items = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const { ms, body } = await get(token, await path());
    times.push(ms);
    items = body.items?.length ?? body.cases?.total ?? 0;
  }
  times.sort((a, b) => a - b);
  const row = [label, pct(times, 0.5).toFixed(1), pct(times, 0.95).toFixed(1), String(items)];
  rows.push(row);
  console.log(`  ${row[0]}: p50 ${row[1]} ms, p95 ${row[2]} ms (${row[3]} items)`);
}

// the cursors of pages 2–5 of the administrator's running cases, walked in turn
const cursors: string[] = [];
{
  let cursor: string | undefined;
  for (let i = 0; i < 4; i++) {
    const { body } = await get(tokens.admin, `/api/cases?limit=50${cursor ? `&cursor=${cursor}` : ''}`);
    cursor = body.cursor;
    if (cursor) cursors.push(encodeURIComponent(cursor));
  }
}
let page = 0;

console.log(`queries, ${SAMPLES} each, one at a time:`);
await measure('cases: platform admin, running, 50', tokens.admin, () => '/api/cases?limit=50');
await measure(
  'cases: platform admin, pages 2–5 by cursor',
  tokens.admin,
  () => `/api/cases?limit=50&cursor=${cursors[page++ % cursors.length]}`,
);
await measure(
  'cases: city admin, programme + status',
  tokens.gz,
  () => '/api/cases?limit=50&programmeId=audit-quick&status=completed',
);
await measure('cases: city admin, district', tokens.gz, () => '/api/cases?limit=50&district=440106');
await measure('cases: platform admin, industry C33', tokens.admin, () => '/api/cases?limit=50&industry=C33');
await measure('dashboard: platform admin', tokens.admin, () => '/api/admin/dashboard');
await measure('dashboard: city admin, a district', tokens.gz, () => '/api/admin/dashboard?region=440106');

console.log('\n| query | p50 ms | p95 ms | items |\n| --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log(
  `\ncases ${CASES}, certificates ${certificates}, seeding ${seedSeconds.toFixed(1)} s, roll-up ${rollups.map((r) => (r / 1000).toFixed(1)).join(' / ')} s`,
);

server.close();
await runtime.close();
if (!keep) rmSync(dataDir, { recursive: true, force: true });
