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
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleAll } from '../../cdk/lambda/bundle';
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
      'Lambda entry'.padEnd(42),
      'cold KB',
      'all KB',
      `≤${TARGET_KB}`,
      'load ms',
      '  heaviest at cold start',
    ].join('  '),
  );
  let over = 0;
  for (const r of results) {
    const load = coldLoadMs(r.file);
    const ok = r.bytes <= TARGET_KB * 1024;
    if (!ok) over++;
    const heaviest = Object.entries(r.byPackage)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 4)
      .map(([name, bytes]) => `${name} ${kb(bytes)}`)
      .join(', ');
    console.log(
      [
        r.spec.entry.padEnd(42),
        kb(r.bytes).padStart(7),
        kb(r.totalBytes).padStart(6),
        (ok ? 'yes' : 'NO').padStart(4),
        (typeof load === 'number' ? load.toFixed(0) : load).padStart(7),
        ` ${heaviest}`,
      ].join('  '),
    );
  }
  console.log(`\n${results.length - over} of ${results.length} within ${TARGET_KB} KB at cold start.`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
