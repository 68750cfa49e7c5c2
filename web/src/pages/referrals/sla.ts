/**
 * A referral's answer SLA as the bank portal shows it: how long since the package was delivered, against the
 * bank's answer deadline (the open answer step's due date, else delivery + the referral policy's `answerDays`).
 * Pure, so the badge and its tests agree on every case.
 */
import type { Referral } from '../../api/lifecycleTypes';

const DAY = 24 * 3600 * 1000;

export type SlaState =
  /** The bank's turn, more than two days left. */
  | 'ok'
  /** The bank's turn, less than two days left. */
  | 'soon'
  /** The bank's turn, past the deadline. */
  | 'overdue'
  /** The bank asked for information: the enterprise's turn. */
  | 'waiting'
  /** The bank's first answer came by the deadline. */
  | 'on-time'
  /** The bank's first answer came after the deadline. */
  | 'late'
  /** No answer before the referral timed out. */
  | 'expired'
  /** The enterprise withdrew its consent before an answer. */
  | 'closed';

export interface Sla {
  state: SlaState;
  /** Whole days from delivery to the first answer (or to now while unanswered). */
  elapsedDays: number;
  /** ISO time of the deadline, when one is known. */
  dueAt?: string;
  /** Whole days left (rounded up) while it is the bank's turn and not overdue. */
  leftDays?: number;
  /** Whole days past the deadline (rounded up): overdue now, or the first answer's lateness. */
  lateDays?: number;
}

export interface SlaOptions {
  /** The open answer step's due date (the bank's inbox task), when there is one. */
  dueAt?: string | undefined;
  /** The referral policy's answer days, used when no step names a due date. */
  answerDays?: number | undefined;
  now?: number;
}

const ms = (iso: string) => new Date(iso).getTime();
const wholeDays = (span: number) => Math.max(0, Math.floor(span / DAY));
const daysUp = (span: number) => Math.max(1, Math.ceil(span / DAY));

/**
 * @example slaOf({ status: 'delivered', createdAt: '2026-11-01T00:00:00Z', answers: [] }, { answerDays: 10, now: Date.parse('2026-11-04T00:00:00Z') })
 * // { state: 'ok', elapsedDays: 3, dueAt: '2026-11-11T00:00:00.000Z', leftDays: 7 }
 */
export function slaOf(r: Pick<Referral, 'status' | 'createdAt' | 'answers'>, options: SlaOptions = {}): Sla {
  const now = options.now ?? Date.now();
  const delivered = ms(r.createdAt);
  const planned =
    options.answerDays !== undefined
      ? new Date(delivered + options.answerDays * DAY).toISOString()
      : undefined;
  const first = [...r.answers].sort((a, b) => a.answeredAt.localeCompare(b.answeredAt))[0];

  if (r.status === 'withdrawn') return { state: 'closed', elapsedDays: wholeDays(now - delivered) };
  if (r.status === 'no-answer') {
    return {
      state: 'expired',
      elapsedDays: wholeDays(now - delivered),
      ...(planned ? { dueAt: planned } : {}),
    };
  }
  if (r.status === 'info-requested') {
    return { state: 'waiting', elapsedDays: wholeDays(now - delivered) };
  }
  if (r.status === 'approved' || r.status === 'declined') {
    const answered = first ? ms(first.answeredAt) : now;
    const elapsedDays = wholeDays(answered - delivered);
    if (!planned) return { state: 'on-time', elapsedDays };
    const late = answered - ms(planned);
    return late > 0
      ? { state: 'late', elapsedDays, dueAt: planned, lateDays: daysUp(late) }
      : { state: 'on-time', elapsedDays, dueAt: planned };
  }
  // delivered or info-provided: the bank's turn
  const dueAt = options.dueAt ?? planned;
  const elapsedDays = wholeDays(now - delivered);
  if (!dueAt) return { state: 'ok', elapsedDays };
  const left = ms(dueAt) - now;
  if (left < 0) return { state: 'overdue', elapsedDays, dueAt, lateDays: daysUp(-left) };
  return { state: left < 2 * DAY ? 'soon' : 'ok', elapsedDays, dueAt, leftDays: daysUp(left) };
}
