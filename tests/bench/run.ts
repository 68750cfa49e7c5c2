/**
 * `npm run bench [-- name …]`: runs every tests/bench/*.bench.ts (or the named ones) one after another, each in
 * its own process so one benchmark's heap and servers cannot colour the next. Each prints its own figures.
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NPM_START_NODE_FLAGS } from '../support/process';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const all = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const chosen = wanted.length ? all.filter((f) => wanted.some((w) => f.startsWith(w))) : all;
if (chosen.length === 0) {
  console.error(`no benchmark matches ${wanted.join(', ')}; have: ${all.join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const file of chosen) {
  console.log(`\n=== ${file} ===`);
  // with the V8 flags `npm start` runs with: the benches measure its stack
  const r = spawnSync(process.execPath, [...NPM_START_NODE_FLAGS, '--import', 'tsx', join(here, file)], {
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
