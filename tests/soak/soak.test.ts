/**
 * The crash soak at CI size (issue 9): 100 cases across every programme, 50 at a time, through the HTTP API of
 * `npm start`, with 2 SIGKILLs and restarts at random moments (`npm run soak` runs the full 1,000 with 5). The seed
 * is printed, and SOAK_TEST_SEED replays a run; SOAK_TEST_CASES / SOAK_TEST_KILLS change the size.
 */
import { describe, expect, it } from 'vitest';
import { runSoak } from './soak';

const cases = Number(process.env.SOAK_TEST_CASES ?? 100);
const kills = Number(process.env.SOAK_TEST_KILLS ?? 2);

describe('crash soak', () => {
  it(
    `${cases} cases, ${kills} kills: every case done or waiting on a person, nothing lost or doubled, every chain verifies`,
    async () => {
      const report = await runSoak({
        cases,
        kills,
        ...(process.env.SOAK_TEST_SEED ? { seed: Number(process.env.SOAK_TEST_SEED) } : {}),
        // progress, kills and failures only: one line per case would drown the rest of the suite's output
        log: (line) => {
          if (!/\] done #/.test(line)) console.log(line);
        },
      });
      expect(report.problems).toEqual([]);
      expect(report.kills.length).toBeGreaterThanOrEqual(kills);
      expect(report.checks.chainsVerified).toBe(report.checks.cases.total);
      expect(report.checks.submissionsStored).toBe(report.submissions);
      expect(Object.keys(report.kinds).sort()).toEqual(
        ['full', 'green-credit', 'incentive', 'integrated', 'quick', 'renewal', 'special'].sort(),
      );
    },
    60 * 60_000,
  );
});
