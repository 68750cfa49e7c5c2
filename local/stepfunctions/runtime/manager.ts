import type { CompiledDefinition } from '../asl/definition.js';
import { stateOf } from '../asl/definition.js';
import { pendingEffect } from '../states/task-outcome.js';
import { SfnApiError } from '../errors.js';
import type { KvOp } from '../store/kv.js';
import type { Committer } from '../store/committer.js';
import type { Scheduler } from '../scheduler.js';
import { historyOps } from '../repo/history.js';
import { BUCKET, indexBucket, indexKey, summaryOf } from '../repo/keys.js';
import { BloomSet } from '../util/bloom.js';
import type { Json } from '../util/json.js';
import type { DefinitionStore } from './definitions.js';
import { applyMessage } from './dispatch.js';
import { statusChange } from './end.js';
import type { Outbox } from './outbox.js';
import type { PumpEnv } from './pump.js';
import { Pump } from './pump.js';
import { timersOf } from './timers.js';
import type { Effect, ExecRecord, Message, ParentLink } from './types.js';
import type { WorkTracker } from './work.js';

/** An execution loaded in memory: while it is processing a message or has a side effect in flight. */
interface Hot {
  x: ExecRecord;
  def: CompiledDefinition;
  inflight: number;
}

export interface StartRequest {
  smArn: string;
  versionArn?: string;
  aliasArn?: string;
  roleArn: string;
  def: CompiledDefinition;
  name: string;
  input: string;
  /** `input` already parsed, when the caller had to parse it anyway. */
  parsedInput?: Json;
  parent?: ParentLink;
  /** A start repeated by the engine itself (a child after a restart): an existing execution with the same input is reused. */
  internal?: boolean;
}

export interface ManagerDeps {
  store: Committer;
  definitions: DefinitionStore;
  scheduler: Scheduler;
  env: PumpEnv;
  work: WorkTracker;
  outbox: Outbox;
  region: string;
  accountId: string;
  /** Runs a side effect after its state is durable; the result comes back through `deliver`. */
  perform(m: ExecutionManager, x: ExecRecord, effect: Effect): void;
}

/**
 * Owns executions at run time: serialises everything that happens to one execution, loads it on demand and
 * drops it from memory as soon as it only waits (token or timer), persists each burst of interpretation in one
 * atomic batch before performing its side effects, and keeps the scheduler's timers in line with what the
 * persisted state needs.
 */
export class ExecutionManager {
  private readonly hot = new Map<string, Hot>();
  private readonly locks = new Map<string, Promise<void>>();
  /** Timers armed per execution (key → due time), to diff against what the state needs. */
  private readonly armed = new Map<string, Map<string, number>>();
  private closed = false;
  /** Execution ARNs known to the store (durable mode); lets a new StartExecution skip proving the name is new. */
  private known: BloomSet | null = null;

  constructor(readonly deps: ManagerDeps) {}

  /** Loads the ARNs of stored executions into the Bloom filter (durable stores only). */
  async indexKnown(): Promise<void> {
    if (!this.deps.store.kv.durable) return;
    const known = new BloomSet();
    await this.deps.store.kv.forEachKey(BUCKET.executions, (k) => known.add(k));
    this.known = known;
  }

  /** After close, messages are refused (their work resumes from the store on the next start). */
  close(): void {
    this.closed = true;
  }

  executionArn(smArn: string, name: string): string {
    const smName = smArn.slice(smArn.lastIndexOf(':') + 1);
    return `arn:aws:states:${this.deps.region}:${this.deps.accountId}:execution:${smName}:${name}`;
  }

  /** The latest known record (memory first, then store), without taking the execution's lock. */
  async peek(arn: string): Promise<ExecRecord | undefined> {
    const h = this.hot.get(arn);
    if (h) return h.x;
    const text = await this.deps.store.get(BUCKET.executions, arn);
    return text === undefined ? undefined : (JSON.parse(text) as ExecRecord);
  }

  /** Serialises work on one execution. */
  private async exclusive<T>(arn: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(arn) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    const tail = prev.then(() => mine);
    this.locks.set(arn, tail);
    this.deps.work.begin();
    try {
      await prev;
      return await fn();
    } finally {
      release();
      if (this.locks.get(arn) === tail) {
        this.locks.delete(arn);
        this.maybeEvict(arn);
      }
      this.deps.work.end();
    }
  }

  private async load(arn: string): Promise<Hot | undefined> {
    const h = this.hot.get(arn);
    if (h) return h;
    const text = await this.deps.store.get(BUCKET.executions, arn);
    if (text === undefined) return undefined;
    const x = JSON.parse(text) as ExecRecord;
    const loaded: Hot = { x, def: await this.deps.definitions.get(x.def), inflight: 0 };
    this.hot.set(arn, loaded);
    return loaded;
  }

  private maybeEvict(arn: string): void {
    const h = this.hot.get(arn);
    if (h && h.inflight === 0 && !this.locks.has(arn)) this.hot.delete(arn);
  }

  /** StartExecution: idempotent for the same name and input while RUNNING; ExecutionAlreadyExists otherwise. */
  async start(req: StartRequest): Promise<{ executionArn: string; startDate: number }> {
    const arn = this.executionArn(req.smArn, req.name);
    return this.exclusive(arn, async () => {
      const existing = this.known && !this.known.mightHave(arn) ? undefined : await this.load(arn);
      if (existing) {
        const x = existing.x;
        const same = x.input === req.input && x.smArn === req.smArn;
        if (same && (x.status === 'RUNNING' || req.internal))
          return { executionArn: arn, startDate: x.start };
        throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
      }
      const now = this.deps.env.clock.now();
      const timeout = req.def.root.TimeoutSeconds;
      const x: ExecRecord = {
        arn,
        smArn: req.smArn,
        name: req.name,
        roleArn: req.roleArn,
        def: req.def.hash,
        status: 'RUNNING',
        input: req.input,
        start: now,
        next: 1,
        last: 0,
        runs: { 0: Pump.rootRun(req.def.root.StartAt, req.parsedInput ?? (JSON.parse(req.input) as Json)) },
        runSeq: 0,
      };
      if (req.versionArn) x.versionArn = req.versionArn;
      if (req.aliasArn) x.aliasArn = req.aliasArn;
      if (req.parent) x.parent = req.parent;
      if (timeout !== undefined) x.timeoutAt = now + timeout * 1000;
      const h: Hot = { x, def: req.def, inflight: 0 };
      this.hot.set(arn, h);
      this.known?.add(arn);
      const p = new Pump(x, req.def, this.deps.env);
      p.emit(null, 'ExecutionStarted', {
        input: req.input,
        roleArn: req.roleArn,
        ...(req.aliasArn ? { stateMachineAliasArn: req.aliasArn } : {}),
        ...(req.versionArn ? { stateMachineVersionArn: req.versionArn } : {}),
      });
      if (this.deps.env.notify) p.outbox.push({ k: 'status', change: statusChange(p) });
      p.resumeRunnable();
      await p.drain();
      await this.commit(h, p, true);
      return { executionArn: arn, startDate: now };
    });
  }

  /**
   * After a restart: re-arms the execution's timers, repeats side effects not confirmed done (same token,
   * at-least-once) and continues runs that were runnable.
   */
  recover(arn: string): Promise<void> {
    return this.exclusive(arn, async () => {
      const h = await this.load(arn);
      if (!h) return;
      if (h.x.status !== 'RUNNING') {
        await this.deps.store.commit([{ b: BUCKET.running, k: arn }]);
        return;
      }
      this.syncTimers(h.x);
      let runnable = false;
      for (const run of Object.values(h.x.runs)) {
        if (run.step.k === 'enter' || run.step.k === 'exec' || run.step.k === 'eval') runnable = true;
        const effect = pendingEffect(run, stateOf(h.def, run.scope, run.state));
        if (effect) this.deps.perform(this, h.x, effect);
      }
      if (runnable) this.deps.perform(this, h.x, { e: 'continue' });
    });
  }

  /** Applies a message; resolves to false when the execution is not running or the message no longer applies. */
  deliver(arn: string, msg: Message): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return this.exclusive(arn, async () => {
      const h = await this.load(arn);
      if (!h || h.x.status !== 'RUNNING') return false;
      const p = new Pump(h.x, h.def, this.deps.env);
      if (!applyMessage(p, msg)) return false;
      await p.drain();
      await this.commit(h, p, false);
      return true;
    });
  }

  /** Writes one burst atomically, then re-arms timers and performs side effects and notifications. */
  private async commit(h: Hot, p: Pump, created: boolean): Promise<void> {
    const x = h.x;
    const ops: KvOp[] = [{ b: BUCKET.executions, k: x.arn, v: JSON.stringify(x) }];
    const running = x.status === 'RUNNING';
    if (created) ops.push(...this.deps.definitions.remember(h.def));
    if (created || p.initialStatus !== x.status) {
      ops.push({ b: indexBucket(x.smArn), k: indexKey(x.start, x.name), v: JSON.stringify(summaryOf(x)) });
      // The running set is what a restart scans; an execution that ends in its first commit never enters it.
      if (created && running) ops.push({ b: BUCKET.running, k: x.arn, v: '1' });
      if (!created && !running) ops.push({ b: BUCKET.running, k: x.arn });
    }
    ops.push(...historyOps(x.arn, p.events));
    for (const [token, rec] of p.tokenPuts) ops.push({ b: BUCKET.tokens, k: token, v: JSON.stringify(rec) });
    for (const token of p.tokenDels) ops.push({ b: BUCKET.tokens, k: token });
    const queued = p.outbox.map((entry) => this.deps.outbox.prepare(entry));
    for (const q of queued) ops.push(q.op);
    await this.deps.store.commit(ops);
    this.syncTimers(x);
    for (const effect of p.effects) this.deps.perform(this, x, effect);
    for (const q of queued) this.deps.outbox.enqueue(q);
  }

  /** Marks a side effect in flight, keeping the execution in memory until it reports back. */
  hold(arn: string): () => void {
    const h = this.hot.get(arn);
    if (h) h.inflight++;
    this.deps.work.begin();
    return () => {
      if (h) h.inflight--;
      this.maybeEvict(arn);
      this.deps.work.end();
    };
  }

  /** Arms the timers the execution's state needs and cancels the others. */
  syncTimers(x: ExecRecord): void {
    const want = timersOf(x);
    const have = this.armed.get(x.arn);
    if (have) {
      for (const [key, at] of have) {
        if (want.get(key) !== at) this.deps.scheduler.cancel(`${x.arn}|${key}`);
      }
    }
    // The timer holds the execution's ARN, not its record: a waiting execution's state is in the store, not kept in
    // memory for as long as it waits (days, for a human step's timeout).
    const arn = x.arn;
    for (const [key, at] of want) {
      if (have?.get(key) === at) continue;
      this.deps.scheduler.set(`${arn}|${key}`, at, () => {
        this.armed.get(arn)?.delete(key);
        void this.deliver(arn, { t: 'timer', key, at }).catch((e: unknown) => logError('timer', e));
      });
    }
    if (want.size > 0) this.armed.set(x.arn, want);
    else this.armed.delete(x.arn);
  }
}

export function logError(where: string, e: unknown): void {
  console.error(`[stepfunctions] ${where}:`, e);
}
