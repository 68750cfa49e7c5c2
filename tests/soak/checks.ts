/**
 * What the soak asserts once the cases are done, read back through the API (as the users and administrators who
 * may read it), against what each case's path implies:
 *
 * - every case is attributable (a case the soak started, a child of one, or a renewal round the sweep opened for a
 *   certificate) — a second case for one start is a doubled side effect;
 * - every case is completed, or running and waiting on a human step (an open task);
 * - each case opened exactly the tasks its path implies, each once; every task.opened notification went to each of
 *   the task's recipients exactly once;
 * - no submission lost: every submission the drivers got a 2xx for is stored, identical (id, form version, data);
 * - exactly one certificate per certified case, numbers unique; exactly the consented referrals per financing
 *   request, one per bank inbox; the incentive and referral notifications once per event; per certificate exactly
 *   one reminder per offset (T-180, T-90, T-30) and one renewal round, in the notifications and the sweep's records;
 *   the second pass of every sweep day did nothing;
 * - every case's audit-log hash chain verifies.
 */
import { canonicalJson } from '../../lambdas/core/canonical';
import { DEMO_USERS } from '../../local/demo';
import type { Client } from './client';
import { TASKS_PER_CASE } from './scenarios';
import type { SoakState } from './soak';

export interface CheckReport {
  cases: { total: number; byStatus: Record<string, number>; byProgramme: Record<string, number> };
  waitingOnHumanStep: number;
  tasksOpened: number;
  submissionsStored: number;
  submissionsAcknowledged: number;
  notifications: Record<string, number>;
  certificates: number;
  referrals: number;
  reminderRecords: number;
  renewalsOpenedBySweep: number;
  chainsVerified: number;
  problems: string[];
}

async function inParallel<T, R>(items: T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (i < items.length) {
        const k = i++;
        out[k] = await f(items[k]!);
      }
    }),
  );
  return out;
}

const count = <K extends string>(rec: Record<K, number>, k: K, by = 1) => (rec[k] = (rec[k] ?? 0) + by);

export async function runChecks(
  client: Client,
  state: SoakState,
  say: (line: string) => void,
): Promise<CheckReport> {
  const problems: string[] = [];
  const fail = (p: string) => {
    if (problems.length < 500) problems.push(p);
  };

  // ---- every case, by status ---------------------------------------------------------------------------------
  const all: any[] = [];
  for (const status of ['running', 'completed', 'failed', 'stopped'])
    all.push(...(await client.all('gz.admin', `/api/cases?status=${status}&limit=200`)));
  const byId = new Map(all.map((c) => [c.id as string, c]));
  const byStatus: Record<string, number> = {};
  const byProgramme: Record<string, number> = {};
  for (const c of all) {
    count(byStatus, c.status);
    count(byProgramme, c.programmeId);
  }
  say(`checks: ${all.length} cases ${JSON.stringify(byStatus)}`);

  const rootOf = (c: any): any => {
    let x = c;
    for (let i = 0; i < 10 && x?.parentCaseId; i++) x = byId.get(x.parentCaseId);
    return x;
  };
  const roots = new Map(state.scenarios.filter((s) => s.rootId).map((s) => [s.rootId!, s]));
  const sweepRenewals: any[] = [];
  for (const c of all) {
    const root = rootOf(c);
    if (!root) {
      fail(`case ${c.id} (${c.programmeId}): its parent ${c.parentCaseId} is missing`);
      continue;
    }
    if (roots.has(root.id)) continue;
    if (root.programmeId === 'renewal' && root.startedBy === 'system:cp-reminders') {
      if (root.id === c.id) sweepRenewals.push(c);
      continue;
    }
    fail(
      `case ${c.id} (${c.programmeId}, ${c.status}) belongs to no case the soak started: a doubled start?`,
    );
  }
  for (const sc of state.scenarios) {
    if (sc.rootId && !byId.has(sc.rootId))
      fail(`#${sc.index} ${sc.kind}: its case ${sc.rootId} is not listed`);
  }

  // ---- each case: status, tasks, submissions, chain --------------------------------------------------------------
  const submittedByCase = new Map<string, SoakState['submitted']>();
  for (const s of state.submitted)
    submittedByCase.set(s.caseId, [...(submittedByCase.get(s.caseId) ?? []), s]);
  const acknowledged = new Set(state.submitted.map((s) => s.taskId));
  let waiting = 0;
  let tasksOpened = 0;
  let stored = 0;
  let verified = 0;
  const tasks = new Map<string, { caseId: string; assignee: any; regionPath: string }>();
  const details = await inParallel(all, 8, async (c) => {
    const [detail, subs, chain] = await Promise.all([
      client.call('gz.admin', 'GET', `/api/cases/${c.id}`),
      client.call('gz.admin', 'GET', `/api/cases/${c.id}/submissions`),
      client.call('gz.admin', 'GET', `/api/cases/${c.id}/verify`),
    ]);
    return { c, detail: detail.body, subs: subs.body?.items ?? [], chain: chain.body };
  });
  const openTaskCheck: { caseId: string; taskId: string; username: string }[] = [];
  for (const { c, detail, subs, chain } of details) {
    if (chain?.valid === true) verified++;
    else fail(`case ${c.id}: its event chain does not verify: ${JSON.stringify(chain).slice(0, 300)}`);
    const opened = (detail.timeline ?? []).filter((e: any) => e.kind === 'task.opened');
    const submittedEvents = (detail.timeline ?? []).filter((e: any) => e.kind === 'task.submitted');
    tasksOpened += opened.length;
    const ids = opened.map((e: any) => e.data.taskId as string);
    if (new Set(ids).size !== ids.length) fail(`case ${c.id}: a task opened twice: ${ids.join(', ')}`);
    for (const e of opened)
      tasks.set(e.data.taskId, { caseId: c.id, assignee: e.data.assignee, regionPath: c.regionPath });
    const fromSweep = rootOf(c)?.startedBy === 'system:cp-reminders';
    const expected = fromSweep ? 1 : TASKS_PER_CASE[c.programmeId];
    if (c.status === 'completed') {
      if (expected !== undefined && opened.length !== expected)
        fail(`case ${c.id} (${c.programmeId}): ${opened.length} tasks opened, its path implies ${expected}`);
      if (submittedEvents.length !== opened.length)
        fail(`case ${c.id}: ${opened.length} tasks opened but ${submittedEvents.length} submitted`);
    } else if (c.status === 'running') {
      const steps = Object.values<any>(c.currentSteps ?? {});
      const kids = (detail.children ?? []).filter((k: any) => k.status === 'running');
      if (steps.length) {
        waiting++;
        for (const s of steps) openTaskCheck.push({ caseId: c.id, taskId: s.taskId, username: 'gz.admin' });
      } else if (!kids.length) {
        fail(`case ${c.id} (${c.programmeId}) is running with no open step and no running child: stuck`);
      }
      if (fromSweep && (opened.length !== 1 || steps.length !== 1 || steps[0].formId !== 'renewal-notice'))
        fail(`renewal ${c.id} opened by the sweep: ${opened.length} tasks, steps ${JSON.stringify(steps)}`);
      if (!fromSweep)
        fail(`case ${c.id} (${c.programmeId}) of a soak case is still running: ${JSON.stringify(steps)}`);
    } else {
      fail(
        `case ${c.id} (${c.programmeId}) is ${c.status}: ${JSON.stringify(detail.timeline?.at(-1)?.data)}`,
      );
    }
    // no submission lost: each acknowledged one stored as the 2xx said; nothing stored twice
    stored += subs.length;
    const storedById = new Map(subs.map((s: any) => [s.id as string, s]));
    if (storedById.size !== subs.length) fail(`case ${c.id}: a submission stored twice`);
    const byTask = new Set(subs.map((s: any) => s.taskId as string));
    if (byTask.size !== subs.length) fail(`case ${c.id}: two submissions for one task`);
    for (const s of submittedByCase.get(c.id) ?? []) {
      const got: any = storedById.get(s.submission.id);
      if (!got) {
        fail(
          `LOST: submission ${s.submission.id} (${s.formId}, task ${s.taskId}) acknowledged but not stored`,
        );
        continue;
      }
      for (const k of ['taskId', 'formId', 'formVersion', 'caseId'] as const)
        if (got[k] !== s.submission[k]) fail(`submission ${got.id}: ${k} ${got[k]} ≠ ${s.submission[k]}`);
      if (canonicalJson(got.data) !== canonicalJson(s.submission.data))
        fail(`submission ${got.id} (${s.formId}): stored data differs from what the 2xx returned`);
    }
    for (const s of subs as any[])
      if (!acknowledged.has(s.taskId))
        fail(
          `submission ${s.id} (${s.formId}) of task ${s.taskId} stored but never acknowledged to a driver`,
        );
  }
  // the open steps' tasks are open (read by the enterprise that must act: renewals are the enterprise's)
  await inParallel(openTaskCheck, 8, async (o) => {
    const c = byId.get(o.caseId);
    const username = DEMO_USERS.find((u) => u.organisationId === c.organisationId)?.username ?? 'gz.admin';
    const t = await client.call(username, 'GET', `/api/tasks/${o.taskId}`);
    if (t.status !== 200 || t.body.status !== 'open')
      fail(`case ${o.caseId} waits on task ${o.taskId}, which is ${t.status} ${t.body?.status}`);
  });

  // ---- whoever took part sees the case: each expert and bank who acted on one of its tasks -----------------------
  const takers = new Map<string, Set<string>>();
  for (const s of state.submitted) {
    const role = DEMO_USERS.find((u) => u.username === s.username)?.organisationId ?? '';
    if (!/^org_(expool|icbc|grcb)/.test(role)) continue;
    takers.set(s.caseId, new Set([...(takers.get(s.caseId) ?? []), s.username]));
  }
  await inParallel(
    [...takers].flatMap(([caseId, us]) => [...us].map((u) => [caseId, u] as const)),
    8,
    async ([caseId, u]) => {
      const r = await client.call(u, 'GET', `/api/cases/${caseId}`);
      if (r.status !== 200) fail(`${u} acted on case ${caseId} but cannot see it: ${r.status}`);
    },
  );

  // ---- notifications: every user's whole inbox -----------------------------------------------------------------
  const users = [...DEMO_USERS.map((u) => u.username), 'admin'];
  const inboxes = await inParallel(users, 4, async (u) => ({
    u,
    items: await client.all(u, '/api/notifications?limit=200'),
  }));
  const kinds: Record<string, number> = {};
  const seen = new Map<string, number>(); // user \n dedupeKey
  const taskNotes = new Map<string, string[]>(); // taskId → users notified
  const perCaseKind = new Map<string, number>(); // caseId \n kind → count
  for (const { u, items } of inboxes) {
    for (const n of items) {
      count(kinds, n.kind);
      const k = `${u}\n${n.dedupeKey ?? n.id}`;
      seen.set(k, (seen.get(k) ?? 0) + 1);
      if (n.kind === 'task.opened') {
        const taskId = String(n.link ?? '').replace('/tasks/', '');
        taskNotes.set(taskId, [...(taskNotes.get(taskId) ?? []), u]);
      }
      const ck = `${n.caseId}\n${n.kind}`;
      perCaseKind.set(ck, (perCaseKind.get(ck) ?? 0) + 1);
    }
  }
  for (const [k, n] of seen) if (n > 1) fail(`notification ${k.replace('\n', ' ')} delivered ${n} times`);
  const usernameOf = (id: string) => DEMO_USERS.find((u) => u.id === id)?.username;
  for (const [taskId, t] of tasks) {
    const a = t.assignee ?? {};
    const org = a.organisationId ?? byId.get(t.caseId)?.organisationId;
    const expected: string[] = a.userIds?.length
      ? a.userIds.map(usernameOf)
      : a.role === 'admin'
        ? ['gz.admin', 'admin']
        : DEMO_USERS.filter((u) => u.organisationId === org).map((u) => u.username);
    const got = (taskNotes.get(taskId) ?? []).sort();
    if (canonicalJson(got) !== canonicalJson([...expected].sort()))
      fail(
        `task ${taskId} of ${t.caseId}: task.opened notified ${got.join(',') || 'nobody'}, expected ${expected}`,
      );
  }
  for (const taskId of taskNotes.keys())
    if (!tasks.has(taskId)) fail(`a task.opened notification for ${taskId}, which no case opened`);

  // ---- certificates: one per certified case, numbers unique -------------------------------------------------------
  const certs = await client.all('gz.admin', '/api/certificates?limit=200');
  const certsByCase = new Map<string, any[]>();
  for (const c of certs) certsByCase.set(c.caseId, [...(certsByCase.get(c.caseId) ?? []), c]);
  const numbers = new Set(certs.map((c) => c.number));
  if (numbers.size !== certs.length) fail(`${certs.length - numbers.size} certificate numbers issued twice`);
  const certified = new Set<string>();
  for (const sc of state.scenarios) {
    if (sc.finalStatus !== 'completed') continue;
    if (['quick', 'special', 'full', 'renewal'].includes(sc.kind) && sc.result?.auditCaseId)
      certified.add(sc.result.auditCaseId);
    if (sc.kind === 'integrated') for (const r of sc.result?.records ?? []) certified.add(r.caseId);
  }
  for (const id of certified) {
    const n = certsByCase.get(id)?.length ?? 0;
    if (n !== 1) fail(`case ${id}: ${n} certificates, its path implies 1`);
  }
  for (const [caseId, list] of certsByCase)
    if (!certified.has(caseId)) fail(`case ${caseId}: ${list.length} certificates it should not have`);

  // ---- per certificate: three expiry reminders and one renewal round, once each ------------------------------------
  const days = [...new Set(state.sweeps.map((s) => s.asOf))];
  const records = (
    await inParallel(days, 4, async (day) => {
      return client.all('admin', `/api/admin/reminders/records?day=${day}`);
    })
  ).flat();
  const recordCount = new Map<string, number>();
  for (const r of records) {
    const k = `${r.subject}\n${r.kind}\n${r.offset}`;
    recordCount.set(k, (recordCount.get(k) ?? 0) + 1);
  }
  const renewalsByCert = new Map<string, string>();
  for (const r of records)
    if (r.kind === 'renewal.opened') renewalsByCert.set(String(r.subject).replace('cert:', ''), r.caseId);
  for (const c of certs) {
    const holder = DEMO_USERS.filter((u) => u.organisationId === c.holderOrgId).length;
    for (const [kind, offset] of [
      ['certificate.expiring', 180],
      ['certificate.expiring', 90],
      ['certificate.expiring', 30],
      ['renewal.opened', 0],
    ] as const) {
      const n = recordCount.get(`cert:${c.id}\n${kind}\n${offset}`) ?? 0;
      if (n !== 1) fail(`certificate ${c.number}: ${n} ${kind} records at T-${offset}`);
    }
    const expiring = perCaseKind.get(`${c.caseId}\ncertificate.expiring`) ?? 0;
    // a case holds one certificate, so its expiry notices are this certificate's
    if (expiring !== 3 * holder)
      fail(`certificate ${c.number}: ${expiring} expiry notices, expected ${3 * holder}`);
    const renewal = renewalsByCert.get(c.id);
    if (!renewal) continue;
    const opened = perCaseKind.get(`${renewal}\nrenewal.opened`) ?? 0;
    if (opened !== holder)
      fail(`certificate ${c.number}: ${opened} renewal.opened notices, expected ${holder}`);
    if (!byId.has(renewal)) fail(`certificate ${c.number}: its renewal case ${renewal} is missing`);
  }
  if (sweepRenewals.length !== certs.length)
    fail(`${sweepRenewals.length} renewal rounds opened by the sweep for ${certs.length} certificates`);
  for (const s of state.sweeps)
    if (s.round % 2 === 0 && (s.reminded || s.renewals))
      fail(
        `the second sweep as of ${s.asOf} did something again: ${s.reminded} reminded, ${s.renewals} renewals`,
      );

  // ---- incentives and green credit ---------------------------------------------------------------------------------
  let referrals = 0;
  const bankInbox = new Map<string, number>();
  for (const bank of ['icbc', 'grcb'])
    for (const r of await client.all(bank, '/api/referrals?limit=200'))
      bankInbox.set(`${bank}\n${r.requestId}`, (bankInbox.get(`${bank}\n${r.requestId}`) ?? 0) + 1);
  for (const sc of state.scenarios) {
    if (!sc.rootId || sc.finalStatus !== 'completed') continue;
    if (sc.kind === 'incentive') {
      const app = await client.call('baiyun', 'GET', `/api/incentives/${sc.rootId}`);
      if (app.body?.status !== 'disbursed') fail(`incentive ${sc.rootId}: ${app.body?.status}`);
      for (const kind of ['incentive.approved', 'incentive.disbursed']) {
        const n = perCaseKind.get(`${sc.rootId}\n${kind}`) ?? 0;
        if (n !== 1) fail(`incentive ${sc.rootId}: ${n} ${kind} notifications`);
      }
    }
    if (sc.kind === 'green-credit') {
      const v = await client.call('baiyun', 'GET', `/api/referrals/requests/${sc.rootId}`);
      const list: any[] = v.body?.referrals ?? [];
      referrals += list.length;
      const consented = v.body?.request?.consent?.banks?.length ?? -1;
      if (list.length !== consented || consented !== 2)
        fail(`financing request ${sc.rootId}: ${list.length} referrals for ${consented} consented banks`);
      const statuses = list.map((r) => r.status).sort();
      if (canonicalJson(statuses) !== canonicalJson(['approved', 'declined']))
        fail(`financing request ${sc.rootId}: referral statuses ${statuses}`);
      for (const bank of ['icbc', 'grcb']) {
        const n = bankInbox.get(`${bank}\n${sc.rootId}`) ?? 0;
        if (n !== 1) fail(`financing request ${sc.rootId}: ${n} referrals in ${bank}'s inbox`);
      }
      const answered = perCaseKind.get(`${sc.rootId}\nreferral.answered`) ?? 0;
      if (answered !== 2) fail(`financing request ${sc.rootId}: ${answered} referral.answered notices`);
    }
  }

  return {
    cases: { total: all.length, byStatus, byProgramme },
    waitingOnHumanStep: waiting,
    tasksOpened,
    submissionsStored: stored,
    submissionsAcknowledged: state.submitted.length,
    notifications: kinds,
    certificates: certs.length,
    referrals,
    reminderRecords: records.length,
    renewalsOpenedBySweep: sweepRenewals.length,
    chainsVerified: verified,
    problems,
  };
}
