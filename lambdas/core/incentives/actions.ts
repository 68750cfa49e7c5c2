/**
 * `cp-incentive`: one action per step of workflows/incentive.json — `assess`, `decide`, `disburse` (payloads in
 * README.md).
 */
import { z } from 'zod';
import { issuesToDetails } from '../reference/errors';
import type { IncentivePorts } from './applications';
import { assessApplication, decideApplication, recordDisbursement } from './applications';
import { InvalidDecisionError } from './errors';

const Id = z.string().min(1);

export const IncentivePayload = z.discriminatedUnion('action', [
  z.looseObject({ action: z.literal('assess'), caseId: Id, application: z.unknown() }),
  z.looseObject({ action: z.literal('decide'), caseId: Id, review: z.unknown() }),
  z.looseObject({ action: z.literal('disburse'), caseId: Id, disbursement: z.unknown() }),
]);

/**
 * @example await runIncentiveAction(ports, { action: 'assess', caseId, application: $.application })
 */
export async function runIncentiveAction(ports: IncentivePorts, payload: unknown): Promise<unknown> {
  const parsed = IncentivePayload.safeParse(payload);
  if (!parsed.success)
    throw new InvalidDecisionError('invalid cp-incentive payload', issuesToDetails(parsed.error.issues));
  const p = parsed.data;
  switch (p.action) {
    case 'assess':
      return assessApplication(ports, p);
    case 'decide':
      return decideApplication(ports, p);
    case 'disburse':
      return recordDisbursement(ports, p);
  }
}
