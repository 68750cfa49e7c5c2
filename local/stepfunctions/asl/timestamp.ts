/**
 * ASL timestamps: RFC 3339 with an uppercase `T` between date and time and an uppercase `Z` when no numeric
 * offset is given, e.g. `2016-03-14T01:59:00Z` (https://states-language.net/spec.html#timestamps).
 */
const RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A parsed instant: whole epoch seconds plus nanoseconds, so fractions finer than 1 ms still compare. */
export interface Instant {
  seconds: number;
  nanos: number;
}

export function parseTimestamp(text: string): Instant | null {
  const m = RE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m as unknown as string[];
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return null;
  let offset = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return null;
    offset = sign * (oh * 60 + om) * 60;
  }
  const seconds = Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offset;
  const nanos = frac ? Number((frac.slice(1) + '000000000').slice(0, 9)) : 0;
  return { seconds, nanos };
}

export function compareInstants(a: Instant, b: Instant): number {
  return a.seconds !== b.seconds ? a.seconds - b.seconds : a.nanos - b.nanos;
}

/** Epoch milliseconds of an instant (for Wait states). */
export function instantToMs(i: Instant): number {
  return i.seconds * 1000 + Math.floor(i.nanos / 1_000_000);
}
