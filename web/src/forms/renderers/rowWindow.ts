/**
 * Row windowing for long tables (JSON Forms issue #1754's advice: virtualise): above `threshold` rows the table
 * scrolls inside a box of `viewport` px and renders only the rows in view plus `overscan` on each side, with
 * spacer rows keeping the scroll height true. A row holding focus stays rendered, so typing is never cut off
 * by a scroll. Rows have a fixed height (the cells' inputs are size-contained).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UIEvent } from 'react';

export interface RowWindowOptions {
  rowHeight: number;
  viewport: number;
  overscan: number;
  threshold: number;
}

export const DEFAULT_WINDOW: RowWindowOptions = { rowHeight: 33, viewport: 560, overscan: 6, threshold: 30 };

export interface RowRange {
  /** The rows in view plus overscan: [start, end). */
  start: number;
  end: number;
  windowed: boolean;
  /** The focused row when it is outside [start, end): rendered too, alone, between spacers. */
  extra: number | null;
}

export function rowRange(
  count: number,
  scrollTop: number,
  focused: number | null,
  o: RowWindowOptions = DEFAULT_WINDOW,
): RowRange {
  if (count <= o.threshold) return { start: 0, end: count, windowed: false, extra: null };
  const end = Math.min(count, Math.ceil((scrollTop + o.viewport) / o.rowHeight) + o.overscan);
  const start = Math.min(Math.max(0, Math.floor(scrollTop / o.rowHeight) - o.overscan), end);
  const outside = focused !== null && focused < count && (focused < start || focused >= end);
  return { start, end, windowed: true, extra: outside ? focused : null };
}

/** A run of rows [from, to), or a spacer as tall as `spacer` rows standing in for the rows from `at`. */
export type PlanPart = { rows: [number, number] } | { at: number; spacer: number };

/** What the table body shows, top to bottom: runs of rows and the spacers (in rows) between them. */
export function bodyPlan(count: number, r: RowRange): PlanPart[] {
  const runs: [number, number][] = [[r.start, r.end]];
  if (r.extra !== null) runs.push([r.extra, r.extra + 1]);
  runs.sort((a, b) => a[0] - b[0]);
  const plan: PlanPart[] = [];
  let at = 0;
  for (const [a, b] of runs) {
    if (a > at) plan.push({ at, spacer: a - at });
    if (b > a) plan.push({ rows: [a, b] });
    at = Math.max(at, b);
  }
  if (count > at) plan.push({ at, spacer: count - at });
  return plan;
}

export function useRowWindow(count: number, o: RowWindowOptions = DEFAULT_WINDOW) {
  const [scrollTop, setScrollTop] = useState(0);
  const [focused, setFocused] = useState<number | null>(null);
  const box = useRef<HTMLElement | null>(null);
  const frame = useRef<number | null>(null);
  // At most one update a frame, from the box's position at that frame (not the first event's).
  const onScroll = useCallback((e: UIEvent<HTMLElement>) => {
    box.current = e.currentTarget;
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      if (box.current) setScrollTop(box.current.scrollTop);
    });
  }, []);
  useEffect(() => () => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
  }, []);
  const range = rowRange(count, scrollTop, focused, o);
  return { ...range, focused, onScroll, setFocused, rowHeight: o.rowHeight, viewport: o.viewport };
}
