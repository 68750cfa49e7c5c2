/**
 * Errors of the domain Lambdas. A task Lambda's thrown error becomes the workflow state's `Error` by its `name`
 * (local/tasks.ts, lambdas/aws-runtime.ts), so each carries a stable dotted name a workflow can Catch
 * (`Panel.NotEnoughExperts`), besides the `code` the HTTP layer maps to a status.
 */
import { DomainError } from '../errors';

/**
 * A domain error with a stable workflow-facing name.
 * @example throw new TaskError('Routing.InvalidFiling', 'VALIDATION_FAILED', 'industryCode missing')
 */
export class TaskError extends DomainError {
  constructor(name: string, code: string, message: string, details?: unknown) {
    super(code, message, details);
    this.name = name;
  }
}

/** A reference table the code needs is neither published nor bundled (a deployment fault). */
export class ReferenceMissingError extends TaskError {
  constructor(id: string) {
    super('Reference.Missing', 'NOT_FOUND', `reference table ${id} not found`);
  }
}

/** The published version of a table does not match its schema (stored before a schema change). */
export class ReferenceInvalidError extends TaskError {
  constructor(id: string, version: number, details: { path: string; message: string }[]) {
    super('Reference.Invalid', 'VALIDATION_FAILED', `reference table ${id}@${version} is invalid`, details);
  }
}

/** Turns zod issues into the platform's `{ path, message }` list (JSON pointers). */
export function issuesToDetails(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  prefix = '',
): { path: string; message: string }[] {
  return issues.map((i) => ({
    path: prefix + i.path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join(''),
    message: i.message,
  }));
}
