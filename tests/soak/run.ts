/**
 * `npm run soak`: the full crash soak (SOAK_CASES=1000, SOAK_KILLS=5, SOAK_CONCURRENCY=50, SOAK_SEED random),
 * printed as it goes; the report as JSON at the end (and to SOAK_REPORT when set). Exit code 1 on any problem.
 */
import { writeFileSync } from 'node:fs';
import { runSoak } from './soak';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const num = (name: string, fallback: number) => {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : Number(v);
};

const report = await runSoak({
  cases: num('SOAK_CASES', 1000),
  kills: num('SOAK_KILLS', 5),
  concurrency: num('SOAK_CONCURRENCY', 50),
  ...(process.env.SOAK_SEED ? { seed: num('SOAK_SEED', 0) } : {}),
  keepData: process.env.SOAK_KEEP_DATA === '1',
});
const { problems, ...rest } = report;
console.log(JSON.stringify(rest, null, 2));
if (process.env.SOAK_REPORT) writeFileSync(process.env.SOAK_REPORT, JSON.stringify(report, null, 2));
if (problems.length) {
  console.log(`\n${problems.length} problems:`);
  for (const p of problems.slice(0, 200)) console.log(`- ${p}`);
  process.exit(1);
}
console.log('\nno problems');
