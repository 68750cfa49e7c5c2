/**
 * The task Lambdas by logical name (ARCHITECTURE §5). Workflows name these in FunctionName; publishing refuses any
 * other. cdk/ reads `entry` to bundle and deploy each; local/ loads `load()` to run them in-process.
 */
import type { TaskModule } from './task-runtime';

export interface TaskFunction {
  name: string;
  description: string;
  /** Source of the handler, relative to the repository root (bundled by esbuild on deploy). */
  entry: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** Whether a dry run may call it for real: true only for functions that write nothing (pure computation). */
  pure: boolean;
  load(): Promise<TaskModule>;
}

export const taskFunctions: readonly TaskFunction[] = [
  {
    name: 'cp-open-task',
    description:
      'Opens a human step: writes the task, notifies the assignees; the workflow waits for its token',
    entry: 'lambdas/open-task/handler.ts',
    timeoutSeconds: 30,
    memoryMb: 512,
    pure: false,
    load: () => import('./open-task/handler'),
  },
  {
    name: 'cp-execution-events',
    description: 'Keeps cases in step with their executions (started children, completed, failed, stopped)',
    entry: 'lambdas/execution-events/handler.ts',
    timeoutSeconds: 30,
    memoryMb: 512,
    pure: false,
    load: () => import('./execution-events/handler'),
  },
  {
    name: 'cp-classify',
    description:
      'Routing: full, quick or special audit and the sector from a filing, by the routing-rules table',
    entry: 'lambdas/cp-classify/handler.ts',
    timeoutSeconds: 30,
    memoryMb: 512,
    pure: true,
    load: () => import('./cp-classify/handler'),
  },
  {
    name: 'cp-performance',
    description:
      'The performance table (绩效表): tce, CO2, water, materials, pollutants, economic benefit and option appraisal; stores it in the case results',
    entry: 'lambdas/cp-performance/handler.ts',
    timeoutSeconds: 30,
    memoryMb: 512,
    pure: false,
    load: () => import('./cp-performance/handler'),
  },
  {
    name: 'cp-coherence',
    description: 'Report coherence check before review (problems, options, targets, focus, balance, totals)',
    entry: 'lambdas/cp-coherence/handler.ts',
    timeoutSeconds: 30,
    memoryMb: 512,
    pure: true,
    load: () => import('./cp-coherence/handler'),
  },
  {
    name: 'cp-assign-experts',
    description:
      'Draws an expert panel (回避, load cap, seeded draw), records the draw, adds the experts to the case',
    entry: 'lambdas/cp-assign-experts/handler.ts',
    timeoutSeconds: 60,
    memoryMb: 512,
    pure: false,
    load: () => import('./cp-assign-experts/handler'),
  },
  {
    name: 'cp-score-panel',
    description:
      'Aggregates the panel’s score sheets: totals, veto items, pass line, grade, leader’s conclusion',
    entry: 'lambdas/cp-score-panel/handler.ts',
    timeoutSeconds: 30,
    memoryMb: 512,
    pure: true,
    load: () => import('./cp-score-panel/handler'),
  },
  {
    name: 'cp-issue-certificate',
    description: 'Issues the case’s certificate once: unique number, grade, score, validity',
    entry: 'lambdas/cp-issue-certificate/handler.ts',
    timeoutSeconds: 30,
    memoryMb: 512,
    pure: false,
    load: () => import('./cp-issue-certificate/handler'),
  },
  {
    name: 'cp-bank-referral',
    description:
      'Green credit: matches products, records the consent, delivers each bank its referral package (inbox and signed webhook), records the answers',
    entry: 'lambdas/cp-bank-referral/handler.ts',
    timeoutSeconds: 60,
    memoryMb: 512,
    pure: false,
    load: () => import('./cp-bank-referral/handler'),
  },
  {
    name: 'cp-incentive',
    description:
      'Incentive (奖补) applications: eligible amount by the reward rules, decision, payment record',
    entry: 'lambdas/cp-incentive/handler.ts',
    timeoutSeconds: 30,
    memoryMb: 512,
    pure: false,
    load: () => import('./cp-incentive/handler'),
  },
  {
    name: 'cp-reminders',
    description:
      'Daily sweep: certificate expiry reminders and renewal rounds, task and list-deadline reminders and escalations, mail retries',
    entry: 'lambdas/cp-reminders/handler.ts',
    timeoutSeconds: 900,
    memoryMb: 512,
    pure: false,
    load: () => import('./cp-reminders/handler'),
  },
  {
    name: 'cp-dashboard',
    description:
      "Recounts the administrators' dashboard snapshots (cases, overdue steps, expiring certificates, savings, consultancy quality)",
    entry: 'lambdas/cp-dashboard/handler.ts',
    timeoutSeconds: 900,
    memoryMb: 1024,
    pure: false,
    load: () => import('./cp-dashboard/handler'),
  },
];

/** Functions only the runtime calls (execution events, the sweeps): a workflow may not name them. */
const runtimeOnly: ReadonlySet<string> = new Set(['cp-execution-events', 'cp-reminders', 'cp-dashboard']);

export const functionNames: ReadonlySet<string> = new Set(taskFunctions.map((f) => f.name));

/** Functions a workflow's Task states may name (not those the runtime alone calls). */
export const workflowFunctionNames: ReadonlySet<string> = new Set(
  taskFunctions.filter((f) => !runtimeOnly.has(f.name)).map((f) => f.name),
);

export function findTaskFunction(name: string): TaskFunction | undefined {
  return taskFunctions.find((f) => f.name === name);
}
