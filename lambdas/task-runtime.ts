/**
 * What every task Lambda gets, and the shape of one. Each `lambdas/<name>/handler.ts` exports `create(deps)`
 * (used in-process by the local runtime and by tests) and `handler` (the AWS entry point, which builds the same
 * deps from the environment once per container, in aws-runtime.ts).
 */
import type { WorkflowEngine } from './core/definitions/engine';
import type { Ports } from './core/ports';
import { resolveSubmissionRefs } from './core/tasks/refs';

export interface TaskDeps extends Ports {
  engine: WorkflowEngine;
  log: (message: string, extra?: unknown) => void;
}

export type TaskHandler = (event: unknown) => Promise<unknown>;

export interface TaskModule {
  create(deps: TaskDeps): TaskHandler;
}

/**
 * A task function ready to run, however it is hosted (AWS, the local runtime, a dry run): submission references
 * in its payload are resolved before it sees the payload (core/tasks/refs.ts).
 */
export function taskHandler(create: (deps: TaskDeps) => TaskHandler, deps: TaskDeps): TaskHandler {
  const fn = create(deps);
  return async (event) => fn(await resolveSubmissionRefs(deps, event));
}
