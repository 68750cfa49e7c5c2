/** Errors of the incentive path, each with a workflow-facing name (workflows/incentive.json catches them). */
import { TaskError } from '../reference/errors';

type Details = { path: string; message: string }[];

/** The certificate or the rule does not qualify; the details say why. */
export class NotEligibleError extends TaskError {
  constructor(message: string, details?: Details) {
    super('Incentive.NotEligible', 'VALIDATION_FAILED', message, details);
  }
}

/** This certificate already has an application under this rule (one per certificate and rule). */
export class DuplicateApplicationError extends TaskError {
  constructor(certificateId: string, ruleId: string, caseId: string) {
    super(
      'Incentive.Duplicate',
      'ALREADY_EXISTS',
      `certificate ${certificateId} already has an application under ${ruleId} (case ${caseId})`,
    );
  }
}

/** A reviewer's or payer's figures that break the rule (an amount above the eligible one, say). */
export class InvalidDecisionError extends TaskError {
  constructor(message: string, details?: Details) {
    super('Incentive.InvalidDecision', 'VALIDATION_FAILED', message, details);
  }
}
