/**
 * `cp-dashboard`: rebuilds the administrators' dashboard snapshots (lambdas/core/dashboard/rollup.ts). Run on a
 * schedule (locally every few minutes by local/scheduler.ts); `{ root }` limits it to a region subtree.
 */
import { rollupDashboard } from '../core/dashboard/rollup';
import type { TaskDeps, TaskHandler } from '../task-runtime';
import { lambdaHandler } from '../aws-runtime';

export function create(deps: TaskDeps): TaskHandler {
  return async (event) => {
    const root = (event as { root?: unknown } | undefined)?.root;
    const report = await rollupDashboard(deps, typeof root === 'string' ? { root } : {});
    return { root: report.root, asOf: report.asOf, cases: report.cases, snapshots: report.snapshots };
  };
}

export const handler = lambdaHandler(create);
