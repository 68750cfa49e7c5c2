/**
 * `cp-performance`: computes the performance table for a case, stores it in the case's results record and
 * appends `performance.recorded` to the case's events. Idempotent: the event is appended once per distinct
 * result (its hash is kept on the case item), and rewriting the results record with the same values is harmless.
 */
import { hashOf } from '../canonical';
import { getCase } from '../cases/cases';
import { appendEvents } from '../cases/events';
import { ConditionFailedError } from '../db/errors';
import type { Ports } from '../ports';
import { issuesToDetails } from '../reference/errors';
import { getTable } from '../reference/store';
import { setResults } from '../results/results';
import { computePerformance } from './compute';
import { PerformanceInputError } from './errors';
import type { Performance } from './model';
import { PerformancePayload } from './model';

/** The region to take the grid factor for when the payload names none: the case's own (deepest code of its path). */
function caseRegion(regionPath: string): string | undefined {
  return regionPath.split('/').filter(Boolean).pop();
}

/**
 * @example await recordPerformance(ports, { caseId, year: 2023, energy: [{ type: 'electricity', savedQuantity: 10, unit: '10^4 kWh' }], options: [] })
 */
export async function recordPerformance(
  ports: Pick<Ports, 'db' | 'clock'>,
  payload: unknown,
): Promise<Performance> {
  const parsed = PerformancePayload.safeParse(payload);
  if (!parsed.success)
    throw new PerformanceInputError('invalid cp-performance payload', issuesToDetails(parsed.error.issues));
  const input = parsed.data;
  const c = await getCase(ports, input.caseId);
  const [coefficients, grid, policy] = await Promise.all([
    getTable(ports, 'energy-coefficients'),
    getTable(ports, 'grid-emission-factors'),
    getTable(ports, 'performance-policy'),
  ]);
  const performance = computePerformance(
    { ...input, regionCode: input.regionCode ?? caseRegion(c.regionPath) },
    { coefficients, grid, policy },
  );
  const hash = await hashOf(performance);
  const { appraisal, ...table } = performance;
  await setResults(ports, c, { performance: { ...table, hash }, options: appraisal });
  try {
    await appendEvents(
      ports,
      c.id,
      [
        {
          kind: 'performance.recorded',
          actor: { userId: 'workflow', role: 'system' },
          summary: `绩效表已计算：节能 ${performance.tce.equivalent} tce（等价值），减排 CO2 ${performance.co2T} t`,
          data: {
            hash,
            factors: performance.factors,
            tce: performance.tce,
            co2T: performance.co2T,
            economicBenefit: performance.economicBenefit,
          },
        },
      ],
      {
        add: ['#rec :h'],
        condition: 'NOT contains(#rec, :hv)',
        names: { '#rec': 'performanceHashes' },
        values: { ':h': new Set([hash]), ':hv': hash },
      },
    );
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err; // recorded before (a repeated invocation)
  }
  return performance;
}
