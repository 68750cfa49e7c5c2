/**
 * The crash soak (issue 9): N cases across every programme of the starter catalogue, driven concurrently through the
 * HTTP API of a real `npm start -- --demo` child process, which is killed with SIGKILL and started again at random
 * moments. The drivers behave like persistent users: every request that got no answer is sent again (POSTs with the
 * same Idempotency-Key), the open steps are read again from the case lists after every restart. At the end, the
 * checks (checks.ts) compare the store with what every case's path implies.
 *
 * Phases: (1) the audit rounds, integrated audits, incentive applications and green-credit requests (the last two
 * on certificates the quick audits earned); (2) the reminder sweep as of the days that matter for every certificate
 * (T-180, T-90, T-30 and the last valid day, which opens the renewal rounds), twice; (3) renewal rounds opened by an
 * administrator, run to their certificates; (4) the sweep again for the new certificates; then the checks. Kills
 * fall at random points of the submissions (and one inside a sweep when there are three kills or more).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actorFor, consultantFor } from '../support/programme-steps';
import type { CheckReport } from './checks';
import { runChecks } from './checks';
import type { StaleEntry } from './store-scan';
import { scanStore } from './store-scan';
import { Client } from './client';
import type { Kind, Resource, Scenario } from './scenarios';
import { kindsFor, makeScenario, prng, STEPS_PER_KIND } from './scenarios';
import { SoakServer } from './server';

export interface SoakOptions {
  cases: number;
  kills: number;
  /** Cases in flight at once (50). */
  concurrency?: number;
  seed?: number;
  log?: (line: string) => void;
  /** Keep the data directory (its path is in the report). */
  keepData?: boolean;
}

export interface KillRecord {
  n: number;
  phase: string;
  reason: string;
  /** Seconds since the soak started. */
  atS: number;
  /** Submissions acknowledged before the kill. */
  submissions: number;
  /** Requests in flight when it happened. */
  inFlight: number;
  /** SIGKILL to the restarted server listening, ms (the store scan between them included). */
  downMs: number;
  /** Wall-clock time of the SIGKILL. */
  at: string;
  /** Index entries that disagree with their items in the store the killed server left (store-scan.ts). */
  staleAfterKill: number;
}

export interface Submitted {
  caseId: string;
  taskId: string;
  formId: string;
  username: string;
  submission: any;
}

export interface SoakState {
  scenarios: Scenario[];
  submitted: Submitted[];
  /** Case id → the scenario it belongs to (roots and every descendant). */
  owner: Map<string, Scenario>;
  /** Task id → the user who acted on it. */
  acted: Map<string, string>;
  sweeps: { asOf: string; round: number; reminded: number; renewals: number; killed: boolean }[];
  certificatesUsed: Map<string, string[]>;
}

export interface SoakReport {
  seed: number;
  cases: number;
  killsRequested: number;
  concurrency: number;
  kinds: Record<string, number>;
  kills: KillRecord[];
  durationsS: Record<string, number>;
  startMs: number[];
  requests: number;
  retriedNoAnswer: number;
  inProgress409: number;
  replayed: number;
  serverErrors: { method: string; path: string; status: number; body: string }[];
  submissions: number;
  checks: CheckReport;
  /** The store after the clean stop at the end: every index entry against its item. */
  storeScan: { items: number; entries: number; stale: StaleEntry[] };
  /** RSS of `npm start` (MB): idle after the first start, under the cases' load, idle at the end. */
  rssMb: { idle: number; loadMean: number; loadPeak: number; end: number };
  problems: string[];
  dataDir?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runSoak(opts: SoakOptions): Promise<SoakReport> {
  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
  const concurrency = opts.concurrency ?? 50;
  const log = opts.log ?? ((line: string) => console.log(line));
  const random = prng(seed);
  const t0 = Date.now();
  const elapsed = () => Math.round((Date.now() - t0) / 100) / 10;
  const say = (line: string) => log(`[soak ${elapsed().toFixed(1)}s] ${line}`);

  const scenarios = kindsFor(opts.cases, random).map((k, i) => makeScenario(i, k));
  const kinds: Record<string, number> = {};
  for (const s of scenarios) kinds[s.kind] = (kinds[s.kind] ?? 0) + 1;
  const expectedSteps = scenarios.reduce((n, s) => n + STEPS_PER_KIND[s.kind], 0);
  const sweepKill = opts.kills >= 3 ? 1 : 0;
  const thresholds = Array.from({ length: opts.kills - sweepKill }, () =>
    Math.floor((0.05 + 0.85 * random()) * expectedSteps),
  ).sort((a, b) => a - b);
  say(
    `seed ${seed}: ${opts.cases} cases ${JSON.stringify(kinds)}, ≈${expectedSteps} human steps, kills after ` +
      `${thresholds.join(', ')} submissions${sweepKill ? ' and one inside a reminder sweep' : ''}`,
  );

  const dataDir = mkdtempSync(join(tmpdir(), 'cpflow-soak-'));
  const server = new SoakServer(dataDir);
  const durations: Record<string, number> = {};
  const phaseStart = (name: string) => {
    const at = Date.now();
    return () => (durations[name] = Math.round((Date.now() - at) / 100) / 10);
  };
  let endPhase = phaseStart('first start');
  await server.start();
  endPhase();
  say(`npm start up in ${server.startMs[0]} ms (pid ${server.pid}, data ${dataDir})`);

  // memory: idle (10 s after the first start), then sampled every 2 s while the cases run
  await sleep(10_000);
  const idleRss = server.rssMb() ?? 0;
  const loadRss: number[] = [];
  const sampler = setInterval(() => {
    const v = server.rssMb();
    if (v !== undefined && phase === 'cases') loadRss.push(v);
  }, 2_000);
  sampler.unref();
  say(`idle RSS ${idleRss} MB`);

  const passwords = new Map(server.demoUsers().map((u) => [u.username, u.password]));
  passwords.set('admin', server.adminPassword);
  let killing = false;
  const client = new Client({
    base: () => server.url,
    check: () => {
      if (!killing && !server.running)
        throw new Error(`npm start exited on its own:\n${server.output().slice(-4000)}`);
    },
    passwords,
  });

  const state: SoakState = {
    scenarios,
    submitted: [],
    owner: new Map(),
    acted: new Map(),
    sweeps: [],
    certificatesUsed: new Map(),
  };
  const problems: string[] = [];
  const kills: KillRecord[] = [];
  let phase = 'setup';
  let inFlightJobs = 0;

  const kill = async (reason: string) => {
    killing = true;
    const at = Date.now();
    const record = {
      n: kills.length + 1,
      phase,
      reason,
      atS: elapsed(),
      submissions: state.submitted.length,
      inFlight: inFlightJobs,
    };
    await server.kill();
    say(`KILL ${record.n} (${reason}, ${phase}): SIGKILL with ${inFlightJobs} steps in flight`);
    const scan = await scanStore(dataDir);
    say(
      `store as the kill left it: ${scan.items} items, ${scan.entries} index entries, ${scan.stale.length} stale`,
    );
    for (const e of scan.stale) say(`  stale after kill ${record.n}: ${JSON.stringify(e)}`);
    await server.start();
    killing = false;
    kills.push({
      ...record,
      downMs: Date.now() - at,
      at: new Date(at).toISOString(),
      staleAfterKill: scan.stale.length,
    });
    say(`restarted in ${Date.now() - at} ms`);
  };
  let killChain = Promise.resolve();
  const maybeKill = () => {
    if (killing || !thresholds.length || state.submitted.length < thresholds[0]!) return;
    thresholds.shift();
    killChain = killChain.then(() => kill(`after ${state.submitted.length} submissions`));
  };

  // ---- setup: the panel rules' yearly load cap would stop the draws long before 1,000 cases (9 demo experts × 12)
  phase = 'setup';
  await raiseLoadCap(client);

  // ---- the step driver: every open step of a case the soak owns, once, by the user its assignee names ----------
  const jobs = new Map<string, Promise<void>>();
  const visits = new Map<string, number>();
  const act = async (sc: Scenario, c: any, step: any) => {
    inFlightJobs++;
    try {
      const username = actorFor(step.assignee, c.organisationId);
      // The case lists a step a moment before its task item is written (two writes, docs/decisions.md D11), and
      // a kill between them leaves it so until the engine runs cp-open-task again after the restart: a person
      // would see "not found" and look again a little later.
      let t = await client.call(username, 'GET', `/api/tasks/${step.taskId}`);
      for (let wait = 0; t.status === 404 && wait < 240; wait++) {
        await sleep(1_000);
        t = await client.call(username, 'GET', `/api/tasks/${step.taskId}`);
      }
      if (t.status !== 200) {
        sc.problems.push(
          `${username} reads ${step.formId} ${step.taskId}: ${t.status} ${JSON.stringify(t.body)}`,
        );
        return;
      }
      if (t.body.status !== 'open' && t.body.status !== 'submitted') {
        sc.problems.push(`task ${step.taskId} (${step.formId}) is ${t.body.status}`);
        return;
      }
      const key = `${c.id}/${t.body.stateName ?? step.formId}`;
      visits.set(key, (visits.get(key) ?? 0) + 1);
      const data =
        sc.answer({
          formId: step.formId,
          stateName: t.body.stateName,
          username,
          example: t.body.form.examples[0],
          prefill: t.body.prefill,
          caseId: c.id,
        }) ?? t.body.form.examples[0];
      const consultant = step.assignee.role === 'enterprise' ? consultantFor(c.organisationId) : undefined;
      if (consultant && t.body.status === 'open') {
        const d = await client.call(consultant, 'PUT', `/api/tasks/${step.taskId}/draft`, { data });
        // a draft for a task an earlier (unanswered) submit already closed is refused: nothing to draft any more
        if (d.status !== 200 && d.body?.error?.code !== 'TASK_CLOSED')
          sc.problems.push(`${consultant} drafts ${step.formId}: ${d.status} ${JSON.stringify(d.body)}`);
      }
      const sub = await client.call(
        username,
        'POST',
        `/api/tasks/${step.taskId}/submit`,
        { data },
        `soak.${step.taskId}`,
      );
      if (sub.status !== 200) {
        sc.problems.push(
          `${username} submits ${step.formId} ${step.taskId}: ${sub.status} ${JSON.stringify(sub.body).slice(0, 400)}`,
        );
        return;
      }
      state.acted.set(step.taskId, username);
      state.submitted.push({
        caseId: c.id,
        taskId: step.taskId,
        formId: step.formId,
        username,
        submission: sub.body.submission,
      });
      maybeKill();
    } catch (err) {
      sc.problems.push(`step ${step.formId} ${step.taskId}: ${String(err)}`);
    } finally {
      inFlightJobs--;
    }
  };

  // ---- the poller: the running cases (one list, paged), their open steps, and the roots that finished ----------
  const ownerOf = (c: any): Scenario | undefined => {
    const known = state.owner.get(c.id);
    if (known) return known;
    const parent = c.parentCaseId ? state.owner.get(c.parentCaseId) : undefined;
    if (parent) state.owner.set(c.id, parent);
    return parent;
  };
  const finishing = new Set<Scenario>();
  const finish = async (sc: Scenario) => {
    const r = await client.call('gz.admin', 'GET', `/api/cases/${sc.rootId}`);
    if (r.status !== 200 || r.body.status === 'running') return;
    sc.finalStatus = r.body.status;
    sc.result = r.body.result;
    sc.endedAt = Date.now();
    if (r.body.status !== 'completed') {
      const last = r.body.timeline?.at(-1);
      sc.problems.push(`case ${sc.rootId} ended ${r.body.status}: ${JSON.stringify(last?.data ?? {})}`);
    }
    sc.status = sc.problems.length ? 'failed' : 'done';
    onFinished(sc);
  };
  let polling = true;
  const poller = (async () => {
    let pause = 250;
    while (polling) {
      let found = 0;
      try {
        const running = await client.all('gz.admin', '/api/cases?status=running&limit=200');
        const ids = new Set(running.map((c) => c.id as string));
        for (const c of running) {
          const sc = ownerOf(c);
          if (!sc) continue;
          for (const step of Object.values<any>(c.currentSteps ?? {})) {
            if (jobs.has(step.taskId)) continue;
            found++;
            jobs.set(step.taskId, act(sc, c, step));
          }
        }
        for (const sc of scenarios) {
          if (sc.status !== 'running' || !sc.rootId || ids.has(sc.rootId) || finishing.has(sc)) continue;
          finishing.add(sc);
          void finish(sc).finally(() => finishing.delete(sc));
        }
      } catch (err) {
        if (polling) problems.push(`poller: ${String(err)}`);
      }
      pause = found ? 250 : Math.min(pause * 1.5, 1_000);
      await sleep(pause);
    }
  })();

  // ---- progress every 30 s; a phase that makes no progress for 10 minutes is stuck: report and stop ----------
  let lastProgress = { at: Date.now(), mark: '' };
  let stuck: string | undefined;
  const progress = setInterval(() => {
    const by = (st: string) => scenarios.filter((x) => x.status === st).length;
    const mark = `${state.submitted.length}/${by('done')}/${by('failed')}/${state.sweeps.length}`;
    say(
      `${phase}: ${state.submitted.length} submissions, ${by('done')} done, ${by('failed')} failed, ` +
        `${by('running')} running, ${by('parked')} waiting for a certificate, ${inFlightJobs} steps in flight, ` +
        `${client.stats.requests} requests`,
    );
    if (mark !== lastProgress.mark || killing) lastProgress = { at: Date.now(), mark };
    else if (Date.now() - lastProgress.at > 10 * 60_000 && !stuck) {
      stuck = scenarios
        .filter((x) => x.status === 'running')
        .map((x) => `#${x.index} ${x.kind} ${x.rootId}: ${x.problems.join(' | ') || 'no problem recorded'}`)
        .join('\n');
      say(`STUCK for 10 minutes:\n${stuck}`);
    }
  }, 30_000);
  progress.unref();

  // ---- certificates the finished quick audits earned, for incentive applications and green credit --
  const pools = { incentive: [] as (Resource & { ruleId: string })[], 'green-credit': [] as Resource[] };
  let producers = scenarios.filter((s) => s.kind === 'quick').length;
  const onFinished = (sc: Scenario) => {
    say(
      `${sc.status === 'done' ? 'done' : 'FAILED'} #${sc.index} ${sc.kind} ${sc.rootId} in ` +
        `${Math.round(((sc.endedAt ?? 0) - (sc.startedAt ?? 0)) / 1000)} s` +
        (sc.problems.length ? `: ${sc.problems.join(' | ').slice(0, 600)}` : ''),
    );
    if (sc.kind === 'quick') {
      producers--;
      const cert = sc.result?.audit?.certificate;
      if (sc.status === 'done' && cert?.certificateId) {
        const r = {
          certificateId: cert.certificateId,
          auditCaseId: sc.result.auditCaseId,
          validUntil: cert.validUntil,
        };
        pools.incentive.push({ ...r, ruleId: 'audit-fee-share' }, { ...r, ruleId: 'audit-completion' });
        pools['green-credit'].push(r);
      }
    }
  };

  // ---- the runners: `concurrency` cases at a time; a case that needs a certificate not yet earned waits aside ----
  const runCase = async (sc: Scenario) => {
    sc.status = 'running';
    sc.startedAt = Date.now();
    const body = { programmeId: sc.programmeId, ...sc.startData() };
    const r = await client.call(sc.starter, 'POST', '/api/cases', body, `soak.start.${seed}.${sc.index}`);
    if (r.status !== 201) {
      sc.problems.push(`${sc.starter} starts ${sc.programmeId}: ${r.status} ${JSON.stringify(r.body)}`);
      sc.status = 'failed';
      return;
    }
    sc.rootId = r.body.id;
    state.owner.set(r.body.id, sc);
    if (sc.resource) {
      const used = state.certificatesUsed.get(sc.resource.certificateId) ?? [];
      state.certificatesUsed.set(sc.resource.certificateId, [...used, `${sc.kind}:${r.body.id}`]);
    }
    while (sc.status === 'running') {
      if (stuck) {
        sc.status = 'failed';
        sc.problems.push('stuck: no progress for 10 minutes');
        return;
      }
      await sleep(300);
    }
  };
  const runAll = async (list: Scenario[]) => {
    const queue = [...list];
    const parked: Scenario[] = [];
    const next = async (): Promise<Scenario | undefined> => {
      for (;;) {
        for (let i = 0; i < parked.length; i++) {
          const p = parked[i]!;
          const pool = pools[p.needs!];
          if (pool.length) {
            parked.splice(i, 1);
            p.resource = pool.shift();
            return p;
          }
        }
        const sc = queue.shift();
        if (sc) {
          if (!sc.needs) return sc;
          sc.status = 'parked';
          parked.push(sc);
          continue;
        }
        if (!parked.length) return undefined;
        if (producers <= 0 && parked.every((p) => !pools[p.needs!].length)) {
          for (const p of parked.splice(0)) {
            p.status = 'failed';
            p.problems.push(`no certificate to ${p.needs} on (the quick audits failed)`);
          }
          return undefined;
        }
        await sleep(300);
      }
    };
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let sc = await next(); sc; sc = await next()) await runCase(sc);
      }),
    );
  };

  try {
    phase = 'cases';
    endPhase = phaseStart('cases');
    await runAll(scenarios.filter((s) => s.kind !== 'renewal'));
    endPhase();
    await killChain;

    phase = 'sweeps';
    endPhase = phaseStart('sweeps');
    await sweepAll(client, state, 1, sweepKill ? () => kill('inside a reminder sweep') : undefined, say);
    endPhase();

    phase = 'renewals';
    endPhase = phaseStart('renewals');
    await runAll(scenarios.filter((s) => s.kind === 'renewal'));
    endPhase();
    await killChain;

    phase = 'final sweeps';
    endPhase = phaseStart('final sweeps');
    await sweepAll(client, state, 3, undefined, say);
    // kills whose submission count was never reached (failed cases): now, so every kill happens
    while (thresholds.length) {
      thresholds.shift();
      await kill('remaining');
    }
    endPhase();

    phase = 'settle';
    await Promise.all(jobs.values());
    polling = false;
    await poller;

    await sleep(10_000);
    const endRss = server.rssMb() ?? 0;
    clearInterval(sampler);

    phase = 'checks';
    endPhase = phaseStart('checks');
    const checks = await runChecks(client, state, say);
    endPhase();
    for (const sc of scenarios) for (const p of sc.problems) problems.push(`#${sc.index} ${sc.kind}: ${p}`);
    for (const e of client.stats.serverErrors)
      problems.push(`HTTP ${e.status} on ${e.method} ${e.path}: ${e.body}`);
    problems.push(...checks.problems);
    // every listing reads an index: each entry must be its item's current copy
    await server.stop();
    const storeScan = await scanStore(dataDir);
    say(
      `store at the end: ${storeScan.items} items, ${storeScan.entries} index entries, ${storeScan.stale.length} stale`,
    );
    for (const e of storeScan.stale) problems.push(`stale index entry: ${JSON.stringify(e)}`);
    durations.total = elapsed();
    return {
      seed,
      cases: opts.cases,
      killsRequested: opts.kills,
      concurrency,
      kinds,
      kills,
      durationsS: durations,
      startMs: server.startMs,
      requests: client.stats.requests,
      retriedNoAnswer: client.stats.retriedNoAnswer,
      inProgress409: client.stats.inProgress,
      replayed: client.stats.replayed,
      serverErrors: client.stats.serverErrors,
      submissions: state.submitted.length,
      checks,
      storeScan,
      rssMb: {
        idle: idleRss,
        loadMean: Math.round(loadRss.reduce((a, b) => a + b, 0) / Math.max(1, loadRss.length)),
        loadPeak: Math.max(0, ...loadRss),
        end: endRss,
      },
      problems,
      ...(opts.keepData ? { dataDir } : {}),
    };
  } finally {
    polling = false;
    clearInterval(progress);
    clearInterval(sampler);
    await server.stop().catch(() => undefined);
    if (!opts.keepData) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function raiseLoadCap(client: Client) {
  const draft = await client.call('admin', 'GET', '/api/admin/reference/panel-rules');
  if (draft.status !== 200) throw new Error(`panel-rules: ${draft.status} ${JSON.stringify(draft.body)}`);
  const content = structuredClone(draft.body.content);
  content.load.maxAssignments = 1_000_000;
  content.load.source = 'crash soak: no yearly cap, 9 demo experts review every case';
  const saved = await client.call('admin', 'PUT', '/api/admin/reference/panel-rules', {
    content,
    version: draft.body.version,
  });
  if (saved.status !== 200)
    throw new Error(`panel-rules draft: ${saved.status} ${JSON.stringify(saved.body)}`);
  const published = await client.call(
    'admin',
    'POST',
    '/api/admin/reference/panel-rules/publish',
    { changeNote: 'crash soak' },
    'soak.panel-rules',
  );
  if (published.status !== 200)
    throw new Error(`panel-rules publish: ${published.status} ${JSON.stringify(published.body)}`);
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * The sweep as of each day that matters for the certificates issued so far — T-180, T-90, T-30, then the last
 * valid day (the renewal round opens) — in that order, twice: the second pass must find nothing to do.
 */
async function sweepAll(
  client: Client,
  state: SoakState,
  firstRound: number,
  killInside: (() => Promise<void>) | undefined,
  say: (line: string) => void,
) {
  const certs = await client.all('gz.admin', '/api/certificates?limit=200');
  const days = [...new Set(certs.map((c) => c.validUntil as string))].sort();
  for (const round of [firstRound, firstRound + 1]) {
    for (const until of days) {
      for (const offset of [180, 90, 30, 0]) {
        const asOf = addDays(until, -offset);
        let killed = false;
        const sweep = client.call(
          'admin',
          'POST',
          '/api/admin/reminders/run',
          { asOf },
          `soak.sweep.${round}.${asOf}`,
        );
        if (killInside && offset === 0 && round === firstRound) {
          // the renewal-opening sweep is the longest: kill the server while it works
          await sleep(300 + Math.floor(Math.random() * 1_500));
          killed = true;
          const k = killInside;
          killInside = undefined;
          await k();
        }
        const r = await sweep;
        if (r.status !== 200) throw new Error(`sweep ${asOf}: ${r.status} ${JSON.stringify(r.body)}`);
        const reminded = r.body.certificates.reminded.length;
        const renewals = r.body.certificates.renewals.length;
        state.sweeps.push({ asOf, round, reminded, renewals, killed });
        say(`sweep ${round} as of ${asOf}: ${reminded} reminded, ${renewals} renewals opened`);
      }
    }
  }
  return { days, certificates: certs.length } satisfies { days: string[]; certificates: number };
}

export type { Kind };
