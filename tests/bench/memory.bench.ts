/**
 * Memory of `npm start` (issue 9 item 4): the RSS of the real child process (its dynalite worker thread included),
 * idle 10 s after its first start (store, catalogue and demo data loaded), sampled every 2 s while BENCH_MEMORY_CASES
 * cases (default 50, every programme, 50 at a time) run through its HTTP API, and idle again after them. It is the
 * crash soak (tests/soak) without kills; the soak's checks run too, so the figures are of a run that did everything
 * right. Run: `npm run bench -- memory`.
 */
import { runSoak } from '../soak/soak';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const cases = Number(process.env.BENCH_MEMORY_CASES ?? 50);
const report = await runSoak({
  cases,
  kills: 0,
  log: (line) => {
    if (!/\] done #/.test(line)) console.log(line);
  },
});
const { idle, loadMean, loadPeak, end } = report.rssMb;
console.log(
  `\nnpm start RSS (MB), ${cases} cases, ${report.submissions} submissions, ${report.checks.cases.total} cases in the store:`,
);
console.log(
  `  idle after start ${idle} | under load mean ${loadMean}, peak ${loadPeak} | idle after the load ${end}`,
);
console.log(`  wall ${report.durationsS.total} s; problems: ${report.problems.length}`);
if (report.problems.length) {
  for (const p of report.problems.slice(0, 20)) console.log(`  - ${p}`);
  process.exit(1);
}
