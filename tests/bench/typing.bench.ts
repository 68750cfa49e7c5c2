/**
 * Issue 7 item 6: the largest form — the options table, 50 rows × 10 columns with computed NPV / IRR / payback —
 * must type without lag (≤ 16 ms per keystroke) and render first in ≤ 300 ms, in Chromium.
 *
 * Builds tests/bench/typing (the real FormView and renderers, production React) with Vite, serves it, and drives
 * Debian's Chromium through playwright-core:
 *   - first render: from the module's start to the first frame after React's commit, and from navigation start;
 *   - per keystroke, for digits and backspaces typed into a cell in row 25: from the keydown's timestamp to the end of the
 *     input event's handling (React renders synchronously in it) plus a forced style and layout — the main-thread
 *     work the keystroke costs before paint; and, from the browser itself, the Event Timing API's entries for
 *     key and input events at or over 16 ms (their duration runs to the next paint; 8 ms granularity);
 *   - the commit of the typed row into JSON Forms (after 300 ms of quiet): long tasks (≥ 50 ms) it causes.
 * Then the same with JSON Forms' stock material table (`?renderers=material`) for comparison.
 * Prints figures; asserts nothing (tests/bench convention).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import type { Locator, Page } from 'playwright-core';
import { build } from 'vite';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const KEYS = 42;
const RUNS = 3;

const here = fileURLToPath(new URL('.', import.meta.url));

async function buildHarness(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'cpflow-typing-'));
  const t0 = performance.now();
  await build({
    root: join(here, 'typing'),
    configFile: false,
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: out, emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  });
  console.log(`harness built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return out;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

function serve(dir: string) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = join(dir, path === '/' ? 'index.html' : path);
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise<{ url: string; close(): void }>((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        close: () => server.close(),
      }),
    ),
  );
}

/** Installed before the page's scripts: keystroke costs, Event Timing entries and long tasks. */
function instrument() {
  const w = window as unknown as {
    keyLatencies: number[];
    slowEvents: { name: string; duration: number }[];
    longTasks: { start: number; duration: number }[];
  };
  w.keyLatencies = [];
  w.slowEvents = [];
  w.longTasks = [];
  let start = 0;
  window.addEventListener('keydown', (e) => (start = e.timeStamp), true);
  // Bubbling to the window comes after React's root listener has rendered the change.
  window.addEventListener('input', () => {
    void document.body.offsetHeight;
    w.keyLatencies.push(performance.now() - start);
  });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.slowEvents.push({ name: e.name, duration: e.duration });
  }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

interface Run {
  firstRender: number;
  fromNavigation: number;
  keys: number[];
  slowEvents: number[];
  typingLongTasks: number[];
  commitLongTasks: number[];
  committed: boolean;
}

type Probe = {
  keyLatencies: number[];
  slowEvents: { name: string; duration: number }[];
  longTasks: { start: number; duration: number }[];
};

async function once(page: Page, url: string, cell: (page: Page) => Locator): Promise<Run> {
  await page.goto(url);
  await page.waitForFunction(() => window.bench?.mounted !== undefined, null, { timeout: 60_000 });
  const firstRender = await page.evaluate(() => window.bench.mounted! - window.bench.mountStart);
  const fromNavigation = await page.evaluate(() => window.bench.mounted!);
  // The table renders the rows in view: scroll row 25 in first (a no-op for the stock table, which renders all).
  await page.evaluate(() => {
    const box = document.querySelector('[data-windowed]');
    if (box) box.scrollTop = 24 * 33 - 120;
  });
  await page.waitForTimeout(300);
  await cell(page).click();
  await page.keyboard.press('End');
  await page.waitForTimeout(500);
  const t0 = await page.evaluate(() => {
    const w = window as unknown as Probe;
    w.keyLatencies.length = 0;
    w.slowEvents.length = 0;
    return performance.now();
  });
  // A typist at ~8 keys a second: three digits, then three backspaces, so the number stays a sane number and
  // deletions are measured as well as insertions.
  for (let i = 0; i < KEYS; i++) {
    const key = i % 6 < 3 ? String((i * 7) % 10) : 'Backspace';
    await page.keyboard.press(key);
    await page.waitForTimeout(120);
  }
  const typed = await page.evaluate(() => {
    const w = window as unknown as Probe;
    return {
      keys: w.keyLatencies.slice(),
      slow: w.slowEvents
        .filter((e) => ['keydown', 'keypress', 'keyup', 'input', 'beforeinput'].includes(e.name))
        .map((e) => e.duration),
      now: performance.now(),
    };
  });
  const changesBefore = await page.evaluate(() => window.bench.changes);
  await page.waitForTimeout(1500);
  const tasks = await page.evaluate(() => (window as unknown as Probe).longTasks.slice());
  const committed = (await page.evaluate(() => window.bench.changes)) > changesBefore;
  return {
    firstRender,
    fromNavigation,
    keys: typed.keys,
    slowEvents: typed.slow,
    typingLongTasks: tasks.filter((t) => t.start >= t0 && t.start < typed.now).map((t) => t.duration),
    commitLongTasks: tasks.filter((t) => t.start >= typed.now).map((t) => t.duration),
    committed,
  };
}

async function measure(page: Page, url: string, label: string, cell: (page: Page) => Locator) {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(page, url, cell));
  const keys = runs.flatMap((r) => r.keys);
  const slow = runs.flatMap((r) => r.slowEvents);
  const list = (xs: number[]) => (xs.length ? xs.map(ms).join(', ') : 'none');
  console.log(`\n${label}`);
  console.log(
    `  first render (script start → first frame after commit): ${runs.map((r) => ms(r.firstRender)).join(', ')}`,
  );
  console.log(`  first render from navigation start: ${runs.map((r) => ms(r.fromNavigation)).join(', ')}`);
  console.log(
    `  keystroke cost (keydown → input handled + layout, ${keys.length} keys): p50 ${ms(pct(keys, 50))}, p95 ${ms(pct(keys, 95))}, max ${ms(Math.max(...keys))}; over 16 ms: ${keys.filter((k) => k > 16).length}`,
  );
  console.log(
    `  Event Timing key/input events ≥ 16 ms (to next paint; ${keys.length} keys): ${slow.length}${slow.length ? `, max ${ms(Math.max(...slow))}` : ''}`,
  );
  console.log(`  long tasks while typing: ${list(runs.flatMap((r) => r.typingLongTasks))}`);
  console.log(
    `  long tasks when the row commits to JSON Forms: ${list(runs.flatMap((r) => r.commitLongTasks))} (committed: ${runs.every((r) => r.committed)})`,
  );
}

async function main() {
  const dir = await buildHarness();
  const server = await serve(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const version = browser.version();
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    await context.addInitScript(instrument);
    const page = await context.newPage();
    console.log(`Chromium ${version}; ${KEYS} keystrokes × ${RUNS} runs; options table 50 rows × 10 columns`);
    for (const [label, query] of [
      ['cold: the first render also builds the strict AJV', ''],
      ['warm: AJV built before (the app builds it while the task loads)', '?warm=1'],
    ] as const) {
      await measure(
        page,
        server.url + query,
        `cpflow options table (rows isolated and windowed) — ${label}`,
        (p) => p.getByLabel('总投资 行 25', { exact: true }),
      );
    }
    // The stock table's cells carry no row in their names: the investment input of the 25th body row.
    await measure(page, server.url + '?renderers=material', "JSON Forms' stock material table", (p) =>
      p.locator('tbody tr').nth(24).locator('input').nth(4),
    );
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
