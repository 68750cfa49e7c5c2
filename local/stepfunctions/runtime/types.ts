import type { ExecutionStatusChange } from '../contract.js';
import type { Json, JsonObject } from '../util/json.js';

/**
 * The persisted state of an execution. Everything the interpreter needs to resume after a crash is here: the
 * runs (threads of control: the top level, each Map iteration, each Parallel branch) and the step each run is
 * at. History events are stored separately, one key each, and never kept in memory.
 */
export type ExecStatus = ExecutionStatusChange['status'];

export interface ExecRecord {
  arn: string;
  smArn: string;
  name: string;
  versionArn?: string;
  aliasArn?: string;
  roleArn: string;
  /** Hash of the definition text (stored once under that hash). */
  def: string;
  status: ExecStatus;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  start: number;
  stop?: number;
  /** Id the next history event gets. */
  next: number;
  /** Id of the last event written, for previousEventId of execution-level events. */
  last: number;
  runs: Record<string, Run>;
  runSeq: number;
  /** Epoch ms of the execution timeout (definition TimeoutSeconds). */
  timeoutAt?: number;
  /** Set when a parent's `states:startExecution.sync` task waits for this execution. */
  parent?: ParentLink;
}

export interface ParentLink {
  arn: string;
  run: number;
  attempt: number;
  mode: 'sync' | 'sync2';
}

export interface Run {
  id: number;
  /** Parent run (Map/Parallel state) and this run's item or branch index there. */
  parent?: number;
  index?: number;
  scope: string;
  state: string;
  /** Raw input of the current state. */
  input: Json;
  entered: number;
  enteredEvent: number;
  /** previousEventId for the next event of this run. */
  last: number;
  /** Per-retrier attempt counts of the current state. */
  retries: number[];
  retryCount: number;
  /** Task attempts so far (all states), to recognise stale results. */
  attempts: number;
  /** Workflow variables (JSONata Assign) visible in this run. */
  vars?: JsonObject;
  step: Step;
}

export type Step =
  | { k: 'enter' }
  | { k: 'exec' }
  | { k: 'wait'; at: number; out?: Json; vars?: JsonObject }
  | EvalStep
  | { k: 'retry'; at: number }
  | TaskStep
  | FanStep;

export interface TaskStep {
  k: 'task';
  attempt: number;
  /** Parameters after evaluation (what TaskScheduled shows). */
  payload: Json;
  token?: string;
  /** The side effect was confirmed done (TaskSubmitted); until then a restart repeats it. */
  invoked: boolean;
  timeoutAt?: number;
  hbAt?: number;
  hbSec?: number;
  /** states:startExecution: the child's name (fixed before starting it, so a repeat is idempotent) and ARN. */
  childName?: string;
  childArn?: string;
}

/**
 * JSONata evaluation still to do (its evaluator is asynchronous): the Output/Assign of a state that produced
 * `result`, or the Output/Assign of a Catch. Runnable, like 'exec'.
 */
export interface EvalStep {
  k: 'eval';
  phase: 'result' | 'catch';
  result?: Json;
  catcher?: number;
  errorOutput?: JsonObject;
}

export interface FanStep {
  k: 'fan';
  /** Effective input of the Map/Parallel (after InputPath / Parameters). */
  input: Json;
  /** Map items. */
  items?: Json[];
  total: number;
  started: number;
  active: number;
  done: number;
  max: number;
  results: Json[];
}

/** A history event as the pump records it: details without their `<type>EventDetails` wrapper (see repo/history.ts). */
export interface PumpEvent {
  id: number;
  previousEventId: number;
  /** Epoch ms. */
  timestamp: number;
  type: string;
  d?: Record<string, unknown>;
}

/** A history event in the API's shape (details under `<type>EventDetails`; timestamp still in epoch ms). */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  /** Epoch ms (the API sends epoch seconds). */
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

/** A pending task token: which execution, run and attempt it completes. */
export interface TokenRecord {
  x: string;
  r: number;
  a: number;
}

/** Side effects to run after the pump's writes are durable. */
export type Effect =
  | { e: 'invoke'; run: number; attempt: number; fn: string; payload: Json; token?: string }
  | { e: 'startChild'; run: number; attempt: number }
  | { e: 'stopChild'; arn: string; cause: string }
  | { e: 'continue' };

/** Durable notifications, delivered (at least once) after commit. */
export type OutboxEntry =
  { k: 'status'; change: ExecutionStatusChange } | { k: 'parent'; link: ParentLink; child: string };

/** What can happen to an execution from outside the pump. */
export type Message =
  | { t: 'timer'; key: string; at: number }
  | { t: 'result'; run: number; attempt: number; ok: true; output: Json }
  | { t: 'result'; run: number; attempt: number; ok: false; error: string; cause?: string }
  | { t: 'submitted'; run: number; attempt: number; output: Json; childArn?: string }
  | { t: 'heartbeat'; run: number; attempt: number }
  | { t: 'child'; run: number; attempt: number; child: ChildOutcome }
  | { t: 'stop'; error?: string; cause?: string }
  | { t: 'continue' };

export interface ChildOutcome {
  status: ExecStatus;
  /** DescribeExecution-shaped envelope (PascalCase), for .sync / .sync:2 results. */
  envelope: Record<string, Json>;
}
