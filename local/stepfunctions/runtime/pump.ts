import type { CompiledDefinition } from '../asl/definition.js';
import { ROOT_SCOPE, stateOf } from '../asl/definition.js';
import type { State } from '../asl/types.js';
import type { Clock } from '../contract.js';
import { StatesError } from '../errors.js';
import type { Json, JsonObject } from '../util/json.js';
import { PAYLOAD_LIMIT, utf8Length } from '../util/json.js';
import { contextFor } from './context.js';
import { endExecution } from './end.js';
import { handleFailure } from './failure.js';
import { abortChildren } from './fanout.js';
import { entered, exited } from './history.js';
import type { Effect, ExecRecord, OutboxEntry, PumpEvent, Run, TokenRecord } from './types.js';
import { handlerFor } from '../states/index.js';

/** What the pump needs from the engine. */
export interface PumpEnv {
  clock: Clock;
  region: string;
  accountId: string;
  random: () => number;
  newToken(): string;
  /** Whether status-change notifications are wanted (no outbox writes otherwise). */
  notify: boolean;
}

/**
 * JSON text of a run's current input when already known (the previous state's output), under a symbol key so
 * that JSON.stringify of the record leaves it out.
 */
const INPUT_TEXT = Symbol('inputText');
type CachedText = Run & { [INPUT_TEXT]?: string };

function runnable(run: Run): boolean {
  return run.step.k === 'enter' || run.step.k === 'exec' || run.step.k === 'eval';
}

/** A long run of pure states is cut into several commits so one execution cannot hog the event loop. */
const MAX_TRANSITIONS = 2000;
/** Step Functions fails an execution at 25,000 history events (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html). */
export const HISTORY_LIMIT = 25_000;

/**
 * One burst of interpretation of one execution: runs every runnable run until each is finished or waiting,
 * collecting the history events, token changes, outbox entries and side effects that the caller writes in one
 * atomic batch and then performs. Consecutive Pass/Choice steps therefore cost one write together.
 */
export class Pump {
  readonly events: PumpEvent[] = [];
  readonly effects: Effect[] = [];
  readonly outbox: OutboxEntry[] = [];
  readonly tokenPuts = new Map<string, TokenRecord>();
  readonly tokenDels = new Set<string>();
  private readonly queue: number[] = [];
  private transitions = 0;
  private execInput: Json | undefined;
  /** Status before this pump, to know whether the listing index must be rewritten. */
  readonly initialStatus: ExecRecord['status'];

  constructor(
    readonly x: ExecRecord,
    readonly def: CompiledDefinition,
    readonly env: PumpEnv,
  ) {
    this.initialStatus = x.status;
  }

  now(): number {
    return this.env.clock.now();
  }

  get running(): boolean {
    return this.x.status === 'RUNNING';
  }

  /** Appends a history event to the run's chain (or the execution's when run is null). */
  emit(run: Run | null, type: string, details?: Record<string, unknown>): number {
    const id = this.x.next++;
    const previousEventId = run ? run.last : this.x.last;
    const ev: PumpEvent = { id, previousEventId, timestamp: this.now(), type };
    if (details) ev.d = details;
    this.events.push(ev);
    if (run) run.last = id;
    this.x.last = id;
    return id;
  }

  schedule(run: Run): void {
    this.queue.push(run.id);
  }

  /** Queues every run that can make progress (after a restart or a `continue`). */
  resumeRunnable(): void {
    for (const run of Object.values(this.x.runs)) if (runnable(run)) this.schedule(run);
  }

  putToken(token: string, record: TokenRecord): void {
    this.tokenDels.delete(token);
    this.tokenPuts.set(token, record);
  }

  dropToken(token: string): void {
    this.tokenPuts.delete(token);
    this.tokenDels.add(token);
  }

  /** The context object (`$$`) for a run; `extra` adds Task or Map members (runtime/context.ts). */
  context(run: Run, extra?: JsonObject): JsonObject {
    return contextFor(this, run, extra, false);
  }

  /** The context object, always built (JSONata's `$states.context`). */
  fullContext(run: Run, extra?: JsonObject): JsonObject {
    return contextFor(this, run, extra, true);
  }

  /** The execution input, parsed once per pump. */
  executionInput(): Json {
    this.execInput ??= JSON.parse(this.x.input) as Json;
    return this.execInput;
  }

  /** Runs until nothing is runnable. Only JSONata states make it wait (their evaluator is asynchronous). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 && this.running) {
      if (this.transitions >= MAX_TRANSITIONS) {
        this.effects.push({ e: 'continue' });
        return;
      }
      if (this.x.next > HISTORY_LIMIT - 2) {
        endExecution(this, 'FAILED', {
          error: 'States.Runtime',
          cause: `The execution reached the maximum number of history events (${HISTORY_LIMIT}).`,
        });
        return;
      }
      const run = this.x.runs[this.queue.shift() as number];
      if (!run || !runnable(run)) continue;
      const pending = this.step(run);
      if (pending) await pending;
    }
  }

  private step(run: Run): void | Promise<void> {
    const state = stateOf(this.def, run.scope, run.state);
    const onError = (e: unknown): void => {
      if (!(e instanceof StatesError)) throw e;
      this.fail(run, state, e);
    };
    try {
      const step = run.step;
      if (step.k === 'eval') return handlerFor(state).resume?.(this, run, state, step).catch(onError);
      if (step.k === 'enter') {
        this.transitions++;
        run.entered = this.now();
        run.retries = [];
        run.retryCount = 0;
        const text = (run as CachedText)[INPUT_TEXT] ?? JSON.stringify(run.input);
        run.enteredEvent = this.emit(run, `${state.Type}StateEntered`, entered(run.state, text));
        run.step = { k: 'exec' };
      }
      const pending = handlerFor(state).execute(this, run, state);
      if (pending) return pending.catch(onError);
    } catch (e) {
      onError(e);
    }
  }

  /** Leaves a state with `output`: StateExited, then `next` (or the end of the run when null). */
  exit(run: Run, state: State, output: Json, next: string | null): void {
    this.releaseStep(run, 'state exited');
    const text = JSON.stringify(output);
    if (utf8Length(text) > PAYLOAD_LIMIT) {
      this.failRun(
        run,
        new StatesError(
          'States.DataLimitExceeded',
          `The state/task '${run.state}' returned a result with a size exceeding the maximum number of bytes service limit.`,
        ),
      );
      return;
    }
    if (state.Type !== 'Fail') this.emit(run, `${state.Type}StateExited`, exited(run.state, text));
    if (next === null) {
      this.completeRun(run, output);
      return;
    }
    run.state = next;
    run.input = output;
    (run as CachedText)[INPUT_TEXT] = text;
    run.step = { k: 'enter' };
    this.schedule(run);
  }

  /** Where a state normally goes: Next, or the end of the run. */
  nextOf(state: State): string | null {
    return state.End === true || state.Next === undefined ? null : state.Next;
  }

  /**
   * A state reported an error: States.Runtime gets a prefix naming the state, then Retry (Task, Map, Parallel),
   * then Catch, else the run fails (runtime/failure.ts).
   */
  fail(run: Run, state: State, raw: StatesError): void {
    handleFailure(this, run, state, raw);
  }

  /** A run reached its end: the execution succeeds, or the owning Map/Parallel collects the output. */
  completeRun(run: Run, output: Json): void {
    if (run.parent === undefined) {
      endExecution(this, 'SUCCEEDED', { output: JSON.stringify(output) });
      return;
    }
    this.childFinished(run, { ok: true, output });
  }

  /** A run failed: the execution fails, or the owning Map/Parallel fails. */
  failRun(run: Run, err: StatesError): void {
    if (run.parent === undefined) {
      endExecution(this, 'FAILED', { error: err.error, cause: err.causeText });
      return;
    }
    this.childFinished(run, { ok: false, err });
  }

  private childFinished(
    run: Run,
    outcome: { ok: true; output: Json } | { ok: false; err: StatesError },
  ): void {
    const parent = this.x.runs[run.parent as number];
    delete this.x.runs[run.id];
    if (!parent || parent.step.k !== 'fan') return;
    const state = stateOf(this.def, parent.scope, parent.state);
    try {
      handlerFor(state).childDone?.(this, parent, state, run.index ?? 0, outcome);
    } catch (e) {
      if (!(e instanceof StatesError)) throw e;
      abortChildren(this, parent, state);
      this.fail(parent, state, e);
    }
  }

  /** Removes what a run's current step holds: its pending token, its running sync child. */
  releaseStep(run: Run, why: string): void {
    const step = run.step;
    if (step.k === 'task') {
      if (step.token) this.dropToken(step.token);
      if (step.childArn && !step.token) this.effects.push({ e: 'stopChild', arn: step.childArn, cause: why });
    }
  }

  /** A fresh top-level run at StartAt. */
  static rootRun(startAt: string, input: Json): Run {
    return {
      id: 0,
      scope: ROOT_SCOPE,
      state: startAt,
      input,
      entered: 0,
      enteredEvent: 0,
      last: 0,
      retries: [],
      retryCount: 0,
      attempts: 0,
      step: { k: 'enter' },
    };
  }
}
