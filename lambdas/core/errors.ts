/**
 * Domain errors carry a stable `code`; the HTTP layer maps codes to statuses in one table
 * (lambdas/api/errors.ts). Messages are for people; `details` is data (e.g. field errors).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing does not exist, or the caller may not know that it exists (foreign organisation). */
export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} ${id} not found`);
  }
}

/** The caller's role may not do this at all. */
export class ForbiddenError extends DomainError {
  constructor(message = 'not allowed for your role') {
    super('FORBIDDEN', message);
  }
}

/** A request that is malformed in a way the route schema could not see (a tampered cursor, say). */
export class InvalidRequestError extends DomainError {
  constructor(message: string, details?: { path: string; message: string }[]) {
    super('INVALID_REQUEST', message, details);
  }
}

/** Input that parses but breaks a rule. */
export class ValidationError extends DomainError {
  constructor(message: string, details?: { path: string; message: string }[]) {
    super('VALIDATION_FAILED', message, details);
  }
}

/** Someone else changed the item since the caller read it (optimistic concurrency). */
export class VersionConflictError extends DomainError {
  constructor(what: string, id: string) {
    super('VERSION_CONFLICT', `${what} ${id} was changed by someone else; reload and try again`);
  }
}

/** A unique value (username, number …) is taken. */
export class AlreadyExistsError extends DomainError {
  constructor(what: string, id: string) {
    super('ALREADY_EXISTS', `${what} ${id} already exists`);
  }
}

/** The request conflicts with the current state (e.g. a task already submitted). */
export class ConflictError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super(code, message, details);
  }
}
