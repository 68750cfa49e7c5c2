/**
 * What every task Lambda gets, and the shape of one. Each `lambdas/<name>/handler.ts` exports `create(deps)`
 * (used in-process by the local runtime and by tests) and `handler` (the AWS entry point, which builds the same
 * deps from the environment once per container, in aws-runtime.ts).
 */
import type { WorkflowEngine } from './core/definitions/engine';
import type { Ports } from './core/ports';

export interface TaskDeps extends Ports {
  engine: WorkflowEngine;
  log: (message: string, extra?: unknown) => void;
}

export type TaskHandler = (event: unknown) => Promise<unknown>;

export interface TaskModule {
  create(deps: TaskDeps): TaskHandler;
}
