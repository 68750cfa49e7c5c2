import { TaskError } from '../reference/errors';

/**
 * Too few eligible experts for a valid panel. The workflow catches `Panel.NotEnoughExperts` and opens an
 * administrator's task; `details` says how many were eligible and why the others were excluded.
 */
export class NotEnoughExpertsError extends TaskError {
  constructor(message: string, details: unknown) {
    super('Panel.NotEnoughExperts', 'NOT_ENOUGH_EXPERTS', message, details);
  }
}

/** The payload names a panel rule that `panel-rules` does not have, or is malformed. */
export class InvalidPanelRequestError extends TaskError {
  constructor(message: string, details?: { path: string; message: string }[]) {
    super('Panel.InvalidRequest', 'VALIDATION_FAILED', message, details);
  }
}

/** A score sheet is unknown, or an expert's data does not fit it (points over the maximum, items missing). */
export class InvalidScoresError extends TaskError {
  constructor(message: string, details?: { path: string; message: string }[]) {
    super('Score.InvalidSheet', 'VALIDATION_FAILED', message, details);
  }
}
