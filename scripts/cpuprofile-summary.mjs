#!/usr/bin/env node
/**
 * Summarises a V8 .cpuprofile (node --cpu-prof, or the submission bench's BENCH_PROFILE): self time by package or
 * source folder, self time by function, and inclusive time by function (each function counted once per stack).
 * Usage: node scripts/cpuprofile-summary.mjs <file.cpuprofile> [rows]
 */
import { readFileSync } from 'node:fs';

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/cpuprofile-summary.mjs <file.cpuprofile> [rows]');
  process.exit(2);
}
const rows = Number(rowsArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const time = new Map();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  time.set(id, (time.get(id) ?? 0) + dt);
  total += dt;
});

const root = process.cwd().replace(/\/$/, '') + '/';
const short = (url) =>
  url
    .replace(/^file:\/\//, '')
    .replace(root, '')
    .replace(/^.*node_modules\//, '~/');
const fnKey = (n) =>
  `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
function pkgKey(n) {
  const url = n.callFrame.url;
  if (!url) return n.callFrame.functionName;
  const m = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return url;
  return short(url).split('/').slice(0, 2).join('/');
}

const selfFn = new Map();
const selfPkg = new Map();
const inclusive = new Map();
for (const [id, t] of time) {
  const n = byId.get(id);
  selfFn.set(fnKey(n), (selfFn.get(fnKey(n)) ?? 0) + t);
  selfPkg.set(pkgKey(n), (selfPkg.get(pkgKey(n)) ?? 0) + t);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = fnKey(byId.get(cur));
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + t);
  }
}

function print(map, title) {
  console.log(`\n== ${title} (profile: ${(total / 1e6).toFixed(1)} s)`);
  for (const [k, v] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(
      `${((v / total) * 100).toFixed(1).padStart(5)} %  ${(v / 1e6).toFixed(2).padStart(7)} s  ${k}`,
    );
  }
}
print(selfPkg, 'self time by package / folder');
print(selfFn, 'self time by function');
print(inclusive, 'inclusive time by function');
