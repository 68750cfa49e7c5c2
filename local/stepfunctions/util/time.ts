/** AWS JSON 1.0 timestamps are epoch seconds with a fraction; the SDK turns them into Date. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/** The context object's timestamp format, e.g. 2019-03-26T20:14:13.192Z. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
