import { readHistory } from '../../repo/history.js';
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
  const token = decodePageToken(input);
  const page = await readHistory(ctx.store, arn, {
    reverse: input.reverseOrder === true,
    limit,
    ...(token !== undefined ? { after: Number(token) } : {}),
  });
  const withData = input.includeExecutionData !== false;
  const out: Record<string, unknown> = { events: page.events.map((ev) => render(ev, withData)) };
  if (page.next !== undefined) out.nextToken = encodePageToken(String(page.next));
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
