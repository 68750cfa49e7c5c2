import { TaskError } from '../reference/errors';

/** The payload names an unknown energy type, unit or pollutant, or is malformed. */
export class PerformanceInputError extends TaskError {
  constructor(message: string, details?: { path: string; message: string }[]) {
    super('Performance.InvalidInput', 'VALIDATION_FAILED', message, details);
  }
}
