/**
 * Issue 7 item 6: the largest form — the options table, 50 rows × 10 columns with computed NPV / IRR / payback —
 * must type without lag (≤ 16 ms per keystroke) and render first in ≤ 300 ms, in Chromium.
 *
 * Builds tests/bench/typing (the real FormView and renderers, production React) with Vite, serves it, and drives
 * Debian's Chromium through playwright-core, a fresh page per run:
 *   - first render, wall: from `createRoot().render()` to the first frame after React's commit;
 *   - first render, main-thread CPU: the renderer main thread's busy time (CDP Performance metrics in thread
 *     ticks) over the same span (warm: the page loaded, then told to render) or from navigation, parsing and
 *     compiling the bundle included (cold). On a shared machine CPU is the figure to trust: it does not grow
 *     when other processes take the cores;
 *   - per keystroke (digits and backspaces typed into a cell in row 25, ~8 keys a second):
 *       wall: from the keydown's timestamp to the end of the input event's handling (React renders synchronously
 *       in it) plus a forced style and layout — the work before the frame;
 *       CPU: the main thread's busy time between two metric reads around the key (the key's events, React, style,
 *       layout, paint of the frames it causes), less the idle cost of the same interval;
 *     and, from the browser itself, Event Timing entries for key and input events of 50 ms or more (their
 *     duration runs to the next paint);
 *   - the commit of the typed row into JSON Forms (after 300 ms of quiet): its CPU and the long tasks (≥ 50 ms).
 * Then the same with JSON Forms' stock material table (`?renderers=material`) for comparison.
 * Prints figures; asserts nothing (tests/bench convention).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { chromium } from 'playwright-core';
import type { BrowserContext, CDPSession, Locator, Page } from 'playwright-core';
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
const RUNS = 4;

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
const spread = (xs: number[]) =>
  `p50 ${ms(pct(xs, 50))}, p95 ${ms(pct(xs, 95))}, max ${ms(Math.max(...xs))}; over 16 ms: ${xs.filter((x) => x > 16).length} of ${xs.length}`;
const runsOf = (xs: number[]) =>
  `median ${ms(pct(xs, 50))} (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;

/** The renderer main thread's busy time so far, in ms of thread CPU, without the DevTools commands' own. */
async function busy(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return (get('TaskDuration') - get('DevToolsCommandDuration')) * 1000;
}

interface Run {
  firstRender: number;
  firstRenderCpu: number;
  keys: number[];
  keysCpu: number[];
  idleCpu: number;
  slowEvents: number[];
  typingLongTasks: number[];
  commitCpu: number;
  commitLongTasks: number[];
  committed: boolean;
}

type Probe = {
  keyLatencies: number[];
  slowEvents: { name: string; duration: number }[];
  longTasks: { start: number; duration: number }[];
};

const PAUSE = 120;

async function once(context: BrowserContext, url: string, cell: (page: Page) => Locator): Promise<Run> {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    // Thread ticks: the durations are the main thread's CPU time, not wall time.
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.goto(url);
    let before = 0;
    if (url.includes('hold=1')) {
      await page.waitForFunction(() => window.bench?.ready, null, { timeout: 60_000 });
      await page.waitForTimeout(500);
      before = await busy(cdp);
      await page.evaluate(() => window.bench.start());
    }
    await page.waitForFunction(() => window.bench?.mounted !== undefined, null, {
      timeout: 60_000,
      polling: 20,
    });
    const firstRenderCpu = (await busy(cdp)) - before;
    const firstRender = await page.evaluate(() => window.bench.mounted! - window.bench.mountStart);
    // The table renders the rows in view: scroll row 25 in first (a no-op for the stock table, which renders all).
    await page.evaluate(() => {
      const box = document.querySelector('[data-windowed]');
      if (box) box.scrollTop = 24 * 33 - 120;
    });
    await page.waitForTimeout(300);
    await cell(page).click();
    await page.keyboard.press('End');
    await page.waitForTimeout(500);
    // What the same interval costs with no key (timers, frames, the metric reads).
    const idle: number[] = [];
    for (let i = 0; i < 5; i++) {
      const b0 = await busy(cdp);
      await page.waitForTimeout(PAUSE);
      idle.push((await busy(cdp)) - b0);
    }
    const idleCpu = pct(idle, 50);
    const t0 = await page.evaluate(() => {
      const w = window as unknown as Probe;
      w.keyLatencies.length = 0;
      w.slowEvents.length = 0;
      return performance.now();
    });
    // Three digits, then three backspaces: the number stays a sane number, and deletions are measured too.
    const keysCpu: number[] = [];
    for (let i = 0; i < KEYS; i++) {
      const key = i % 6 < 3 ? String((i * 7) % 10) : 'Backspace';
      const b0 = await busy(cdp);
      await page.keyboard.press(key);
      await page.waitForTimeout(PAUSE);
      keysCpu.push(Math.max(0, (await busy(cdp)) - b0 - idleCpu));
    }
    const typed = await page.evaluate(() => {
      const w = window as unknown as Probe;
      return {
        keys: w.keyLatencies.slice(),
        slow: w.slowEvents
          .filter((e) => ['keydown', 'keypress', 'keyup', 'input', 'beforeinput'].includes(e.name))
          .filter((e) => e.duration >= 50)
          .map((e) => e.duration),
        now: performance.now(),
        changes: window.bench.changes,
      };
    });
    const c0 = await busy(cdp);
    await page.waitForTimeout(1500);
    const commitCpu = (await busy(cdp)) - c0 - (idleCpu * 1500) / PAUSE;
    const tasks = await page.evaluate(() => (window as unknown as Probe).longTasks.slice());
    const committed = (await page.evaluate(() => window.bench.changes)) > typed.changes;
    return {
      firstRender,
      firstRenderCpu,
      keys: typed.keys,
      keysCpu,
      idleCpu,
      slowEvents: typed.slow,
      typingLongTasks: tasks.filter((t) => t.start >= t0 && t.start < typed.now).map((t) => t.duration),
      commitCpu,
      commitLongTasks: tasks.filter((t) => t.start >= typed.now).map((t) => t.duration),
      committed,
    };
  } finally {
    await page.close();
  }
}

async function measure(context: BrowserContext, url: string, label: string, cell: (page: Page) => Locator) {
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once(context, url, cell));
  const few = (xs: number[]) =>
    xs.length ? `${xs.length}, p50 ${ms(pct(xs, 50))}, max ${ms(Math.max(...xs))}` : 'none';
  const held = url.includes('hold=1');
  const idle = ms(
    pct(
      runs.map((r) => r.idleCpu),
      50,
    ),
  );
  console.log(`\n${label}`);
  console.log(`  first render, wall (start → first frame): ${runsOf(runs.map((r) => r.firstRender))}`);
  console.log(
    `  first render, main-thread CPU (${held ? 'start' : 'navigation, bundle included,'} → first frame): ${runsOf(runs.map((r) => r.firstRenderCpu))}`,
  );
  console.log(`  keystroke, wall (keydown → handled + layout): ${spread(runs.flatMap((r) => r.keys))}`);
  console.log(
    `  keystroke, main-thread CPU (less ${idle} idle per ${PAUSE} ms): ${spread(runs.flatMap((r) => r.keysCpu))}`,
  );
  console.log(
    `  Event Timing key/input entries ≥ 50 ms (to next paint): ${few(runs.flatMap((r) => r.slowEvents))}`,
  );
  console.log(`  long tasks (≥ 50 ms) while typing: ${few(runs.flatMap((r) => r.typingLongTasks))}`);
  console.log(
    `  row commit to JSON Forms: main-thread CPU ${runsOf(runs.map((r) => r.commitCpu))}; long tasks ${few(runs.flatMap((r) => r.commitLongTasks))}; committed every run: ${runs.every((r) => r.committed)}`,
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
    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    console.log(
      `Chromium ${version}; ${cpus().length} cores, load ${load}; options table 50 rows × 10 columns; ${RUNS} runs × ${KEYS} keys`,
    );
    for (const [label, query] of [
      ['cold: rendered as the page loads, building the strict AJV too', ''],
      [
        'warm: rendered once the page has loaded and built the AJV (as the app does while the task loads)',
        '?hold=1',
      ],
    ] as const) {
      await measure(
        context,
        server.url + query,
        `cpflow options table (windowed, one live row) — ${label}`,
        // The rows show text until edited: a click on the cell's text makes the row live and focuses its input.
        (p) => p.getByRole('button', { name: /^总投资 行 25(: |$)/ }),
      );
    }
    // The stock table's cells carry no row in their names: the investment input of the 25th body row.
    await measure(
      context,
      server.url + '?renderers=material&hold=1',
      "JSON Forms' stock material table",
      (p) => p.locator('tbody tr').nth(24).locator('input').nth(4),
    );
    console.log(
      `\nload at the end: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
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
