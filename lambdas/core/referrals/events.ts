/** Case events the referral path appends at most once, whatever the retries. */
import type { NewEvent } from '../cases/events';
import { appendEvents } from '../cases/events';
import { ConditionFailedError } from '../db/errors';
import type { Ports } from '../ports';
import { isoTime } from '../ports';

/**
 * Appends `event` unless the case item already carries the marker attribute `marker` (set with the event).
 * @example await appendOnce(ports, caseId, 'consentRecordedAt', { kind: 'consent.given', … }) // true the first time
 */
export async function appendOnce(
  ports: Pick<Ports, 'db' | 'clock'>,
  caseId: string,
  marker: string,
  event: NewEvent,
): Promise<boolean> {
  try {
    await appendEvents(ports, caseId, [event], {
      set: ['#m = :m'],
      condition: 'attribute_not_exists(#m)',
      names: { '#m': marker },
      values: { ':m': isoTime(ports.clock.now()) },
    });
    return true;
  } catch (err) {
    if (err instanceof ConditionFailedError) return false;
    throw err;
  }
}
