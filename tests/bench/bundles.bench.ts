/**
 * Every Lambda cpflow deploys, bundled exactly as the stack bundles it (cdk/lambda/bundle.ts): minified size loaded
 * at cold start (the handler module and the chunks it imports statically), size of everything it may load later
 * (lazy chunks: the registry's handlers in the api, the SFN client in task functions), the packages that weigh
 * most, and the cold module-load time — a fresh `node` importing the bundle from a folder with no node_modules,
 * which also proves nothing outside the bundle is needed to start. Target: ≤ 500 KB per Lambda (docs/decisions.md D9).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleAll, REPO_ROOT } from '../../cdk/lambda/bundle';
import { allBundleSpecs } from '../../cdk/lambda/entries';
import { taskFunctions } from '../../lambdas/registry';

const TARGET_KB = 500;
const LOADS = 5;

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** Milliseconds to import the bundle in a fresh Node process, median of LOADS. */
function coldLoadMs(file: string): number | string {
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(file).href)}); if (typeof m.handler !== 'function') throw new Error('no handler export'); process.stdout.write(String(performance.now() - t));`;
  const times: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: tmpdir(),
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        AWS_REGION: 'ap-east-1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    });
    if (r.status !== 0) return `failed: ${(r.stderr || '').split('\n').find((l) => l.trim()) ?? r.status}`;
    times.push(Number(r.stdout));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const out = mkdtempSync(join(tmpdir(), 'cpflow-bundles-'));
try {
  const started = performance.now();
  const results = await bundleAll(allBundleSpecs(taskFunctions), out);
  console.log(
    `bundled ${results.length} Lambdas in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
      `(esbuild, minified, ESM, node20 target; AWS SDK bundled)\n`,
  );
  console.log(
    [
      'Lambda entry'.padEnd(40),
      'cold KB',
      `≤${TARGET_KB}`,
      'load ms',
      '1st use KB',
      'all KB',
      '  heaviest at cold start',
    ].join('  '),
  );
  let over = 0;
  const firstUses: string[] = [];
  for (const r of results) {
    const load = coldLoadMs(r.file);
    const ok = r.bytes <= TARGET_KB * 1024;
    if (!ok) over++;
    const heaviest = Object.entries(r.byPackage)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([name, bytes]) => `${name} ${kb(bytes)}`)
      .join(', ');
    if (r.firstUseModule) firstUses.push(`${r.spec.entry}: ${relative(REPO_ROOT, r.firstUseModule)}`);
    console.log(
      [
        r.spec.entry.padEnd(40),
        kb(r.bytes).padStart(7),
        (ok ? 'yes' : 'NO').padStart(4),
        (typeof load === 'number' ? load.toFixed(0) : load).padStart(7),
        kb(r.firstUseBytes).padStart(10),
        kb(r.totalBytes).padStart(6),
        ` ${heaviest}`,
      ].join('  '),
    );
  }
  console.log(
    '\ncold KB: the handler module and the chunks it imports statically (what a cold start loads);' +
      '\nload ms: a fresh node importing it until `handler` is exported (median of ' +
      `${LOADS});` +
      '\n1st use KB: cold KB plus the largest module the function imports lazily, with its static imports;' +
      '\nall KB: every chunk it can load. The lazily imported module behind each 1st use figure:',
  );
  for (const line of firstUses) console.log(`  ${line}`);
  console.log(`\n${results.length - over} of ${results.length} within ${TARGET_KB} KB at cold start.`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
