/**
 * Errors of the green-credit referral path. Each has a stable workflow-facing name (a Catch or Retry in
 * workflows/green-credit*.json names it) and an HTTP code (lambdas/api/errors.ts maps it).
 */
import { TaskError } from '../reference/errors';

type Details = { path: string; message: string }[];

/** A financing request or consent that breaks a rule (unknown option, bank not matched, scopes missing …). */
export class ReferralRequestError extends TaskError {
  constructor(message: string, details?: Details) {
    super('Referral.InvalidRequest', 'VALIDATION_FAILED', message, details);
  }
}

/** The enterprise withdrew its consent for this bank: no more data flows to it. */
export class ConsentWithdrawnError extends TaskError {
  constructor(bankId: string) {
    super('Consent.Withdrawn', 'CONSENT_WITHDRAWN', `consent for bank ${bankId} was withdrawn`);
  }
}

/** The bank's webhook did not accept the delivery (the workflow retries with backoff). */
export class WebhookFailedError extends TaskError {
  constructor(message: string) {
    super('Referral.WebhookFailed', 'WEBHOOK_FAILED', message);
  }
}

/** A child case's item is not written yet (its execution just started); the workflow retries shortly. */
export class CaseNotReadyError extends TaskError {
  constructor(caseId: string) {
    super('Referral.CaseNotReady', 'CONFLICT', `case ${caseId} is not registered yet`);
  }
}
