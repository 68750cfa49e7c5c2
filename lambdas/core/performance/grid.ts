/**
 * Picking the grid CO2 factor for a year and region: the most specific region that has a factor for the year or an
 * earlier one (province, then its grid, then national), taking the nearest earlier year; if even the national
 * series starts later, its first year. Every step that fell back is recorded.
 */
import type { GridEmissionFactors } from '../reference/tables/performance';
import type { GridFactorUsed } from './model';

type Scope = GridFactorUsed['scope'];

/** The regions to try, most specific first. */
function candidates(table: GridEmissionFactors, regionCode: string | undefined): [Scope, string][] {
  const out: [Scope, string][] = [];
  if (regionCode && table.grids.some((g) => g.id === regionCode)) out.push(['grid', regionCode]);
  else if (regionCode && /^\d{2}/.test(regionCode) && regionCode !== '86') {
    const province = `${regionCode.slice(0, 2)}0000`;
    out.push(['province', province]);
    const grid = table.grids.find((g) => g.provinces.includes(province));
    if (grid) out.push(['grid', grid.id]);
  }
  out.push(['national', 'national']);
  return out;
}

/**
 * The factor to use, and how it was found.
 * @example pickGridFactor(table, '440112400', 2023) // { value: 0.3869, region: 'south', year: 2022, fallback: ['province 440000 has no factor …', 'grid south has no 2023 factor: used 2022'] }
 */
export function pickGridFactor(
  table: GridEmissionFactors,
  regionCode: string | undefined,
  year: number,
): GridFactorUsed {
  const requested = { region: regionCode ?? 'national', year };
  const fallback: string[] = [];
  for (const [scope, region] of candidates(table, regionCode)) {
    const series = table.factors.filter((f) => f.scope === scope && f.region === region);
    const earlier = series.filter((f) => f.year <= year).sort((a, b) => b.year - a.year)[0];
    if (earlier) {
      if (earlier.year !== year)
        fallback.push(`${scope} ${region} has no ${year} factor: used ${earlier.year}`);
      return { value: earlier.value, scope, region, year: earlier.year, requested, fallback };
    }
    fallback.push(`${scope} ${region} has no factor for ${year} or earlier`);
  }
  const first = table.factors.filter((f) => f.scope === 'national').sort((a, b) => a.year - b.year)[0]!;
  fallback.push(`used the earliest national factor, ${first.year}`);
  return { value: first.value, scope: 'national', region: 'national', year: first.year, requested, fallback };
}
