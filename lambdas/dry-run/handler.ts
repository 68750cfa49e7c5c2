/**
 * `dry-run` (AWS only): runs a draft workflow on the embedded engine, in memory, inside this Lambda — the same
 * code `npm start` uses (local/dry-run.ts). A Lambda of its own rather than part of the api Lambda: the engine and
 * the task functions' code would double the api bundle (docs/decisions.md D9), and its role may only read the
 * table, since a dry run writes nothing and runs only pure task functions for real.
 */
import { createDryRunner } from '../../local/dry-run';
import type { DryRunRequest } from '../core/definitions/engine';
import { answer } from '../adapters/lambda-answer';
import { lambdaHandler } from '../aws-runtime';
import type { TaskDeps } from '../task-runtime';

export function create(deps: TaskDeps) {
  const run = createDryRunner(() => deps);
  return (event: unknown) => answer(() => run(event as DryRunRequest));
}

export const handler = lambdaHandler(create);
