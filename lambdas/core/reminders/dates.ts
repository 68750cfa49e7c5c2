/**
 * Calendar arithmetic on China dates (`YYYY-MM-DD`, UTC+8): the sweep runs "as of" a day, certificates are valid
 * through a day, deadlines fall on days.
 */
import { chinaDate } from '../certificates/model';

export const DATE = /^\d{4}-\d{2}-\d{2}$/;

const toUtc = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** @example addDays('2031-11-27', -180) // '2031-05-31' */
export const addDays = (d: string, n: number) => fromUtc(toUtc(d) + n * 86_400_000);

/** Days from `a` to `b` (negative when `b` is earlier). @example daysBetween('2026-01-30', '2026-02-02') // 3 */
export const daysBetween = (a: string, b: string) => Math.round((toUtc(b) - toUtc(a)) / 86_400_000);

/**
 * The same day `n` months later, or the month's last day when it has no such day.
 * @example addMonths('2025-03-31', 1) // '2025-04-30'
 */
export function addMonths(d: string, n: number): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, last));
  return fromUtc(first.getTime());
}

/** The China date of an ISO time. @example dayOf('2026-11-28T16:30:00.000Z') // '2026-11-29' */
export const dayOf = (iso: string) => chinaDate(Date.parse(iso));

/** The last instant of a China day, as an ISO time. @example endOfDay('2026-11-29') // '2026-11-29T15:59:59.999Z' */
export const endOfDay = (d: string) => new Date(toUtc(d) + 86_400_000 - 8 * 3_600_000 - 1).toISOString();

export const today = (now: number) => chinaDate(now);
