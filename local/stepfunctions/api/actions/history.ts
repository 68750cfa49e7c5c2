import { historyBucket } from '../../repo/keys.js';
import type { HistoryEvent } from '../../runtime/types.js';
import { epochSeconds } from '../../util/time.js';
import type { Action } from '../context.js';
import { decodePageToken, encodePageToken, pageSize, requireString } from '../input.js';
import { loadExecution } from './executions.js';

/**
 * GetExecutionHistory: events in id order (or reversed), paginated by event key; `includeExecutionData: false`
 * strips inputs and outputs. Events are read from the store, never held in memory.
 */
export const getExecutionHistory: Action = async (ctx, input) => {
  const arn = requireString(input, 'executionArn');
  await loadExecution(ctx, arn);
  const limit = pageSize(input);
  const after = decodePageToken(input);
  const rows = await ctx.store.list(historyBucket(arn), {
    reverse: input.reverseOrder === true,
    limit: limit + 1,
    ...(after !== undefined ? { after } : {}),
  });
  const page = rows.slice(0, limit);
  const withData = input.includeExecutionData !== false;
  const out: Record<string, unknown> = {
    events: page.map(([, v]) => render(JSON.parse(v) as HistoryEvent, withData)),
  };
  const last = page[page.length - 1];
  if (rows.length > limit && last) out.nextToken = encodePageToken(last[0]);
  return out;
};

function render(ev: HistoryEvent, withData: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { ...ev, timestamp: epochSeconds(ev.timestamp) };
  if (!withData) {
    for (const [key, value] of Object.entries(out)) {
      if (!key.endsWith('EventDetails') || typeof value !== 'object' || value === null) continue;
      const copy = { ...(value as Record<string, unknown>) };
      for (const field of ['input', 'output', 'parameters']) delete copy[field];
      out[key] = copy;
    }
  }
  return out;
}
