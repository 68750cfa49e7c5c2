/**
 * `cp-classify`: which audit a filing leads to (全面 / 快速 / 专项) and the enterprise's sector, by the rules in
 * the `routing-rules` and `industry-sectors` reference tables. Pure: reads the tables, writes nothing.
 */
import { evaluate, truthy } from '../forms/logic';
import { getOrganisation } from '../identity/organisations';
import type { Ports } from '../ports';
import { issuesToDetails, TaskError } from '../reference/errors';
import { getTable } from '../reference/store';
import type { IndustrySectors, Route, RoutingRules, Sector } from '../reference/tables/routing';
import type { Classification, FiredRule } from './model';
import { ClassifyPayload, INDUSTRY_CODE } from './model';

export class InvalidFilingError extends TaskError {
  constructor(message: string, details?: { path: string; message: string }[]) {
    super('Routing.InvalidFiling', 'VALIDATION_FAILED', message, details);
  }
}

/**
 * The sector of a GB/T 4754 code by its section letter.
 * @example sectorOf(sectors, 'C3360') // 'industrial'
 */
export function sectorOf(table: IndustrySectors, industryCode: string): Sector | undefined {
  const letter = industryCode.charAt(0);
  return table.sectors.find((s) => s.sections.includes(letter))?.id;
}

/**
 * Evaluates every rule on the filing; the route is the first in `precedence` that any fired rule names, else the
 * default. Pure over its arguments.
 * @example decideRoute(rules, { triggers: { toxicSubstances: true } }).route // 'full'
 */
export function decideRoute(
  rules: RoutingRules,
  filing: Record<string, unknown>,
): { route: Route; fired: FiredRule[]; defaulted: boolean } {
  const context = { ...filing, $root: filing };
  const fired: FiredRule[] = rules.rules
    .filter((r) => truthy(evaluate(r.logic, context)))
    .map((r) => ({ ruleId: r.id, route: r.route, title: r.title, source: r.source }));
  const route = rules.precedence.find((p) => fired.some((f) => f.route === p));
  return route ? { route, fired, defaulted: false } : { route: rules.default.route, fired, defaulted: true };
}

/**
 * Classifies a filing. The industry code comes from the filing, or else from the organisation's profile.
 * @example await classify(ports, { caseId, organisationId, filing: { industryCode: 'C3360', triggers: { toxicSubstances: true } } })
 * // { route: 'full', programmeId: 'audit-full', sector: 'industrial', fired: [{ ruleId: 'toxic-substances', … }], … }
 */
export async function classify(ports: Pick<Ports, 'db'>, payload: unknown): Promise<Classification> {
  const parsed = ClassifyPayload.safeParse(payload);
  if (!parsed.success)
    throw new InvalidFilingError('invalid cp-classify payload', issuesToDetails(parsed.error.issues));
  const { filing, organisationId } = parsed.data;
  let industryCode = filing.industryCode;
  if (!industryCode && organisationId) {
    const code = (await getOrganisation(ports, organisationId)).profile.industryCode;
    if (typeof code === 'string' && INDUSTRY_CODE.test(code)) industryCode = code;
  }
  if (!industryCode)
    throw new InvalidFilingError('the filing has no industry code', [
      { path: '/filing/industryCode', message: 'required (GB/T 4754)' },
    ]);
  const [rules, sectors] = await Promise.all([
    getTable(ports, 'routing-rules'),
    getTable(ports, 'industry-sectors'),
  ]);
  const sector = sectorOf(sectors.content, industryCode);
  if (!sector)
    throw new InvalidFilingError(`no sector for industry code ${industryCode}`, [
      { path: '/filing/industryCode', message: 'its section letter has no sector in industry-sectors' },
    ]);
  const { route, fired, defaulted } = decideRoute(rules.content, filing);
  const focusType = filing.specialFocus?.type;
  return {
    route,
    programmeId: rules.content.programmes[route],
    sector,
    industryCode,
    fired,
    ...(route === 'special' && focusType
      ? {
          focus: {
            type: focusType,
            ...(filing.specialFocus?.detail ? { detail: filing.specialFocus.detail } : {}),
          },
        }
      : {}),
    ...(defaulted
      ? { defaultApplied: { title: rules.content.default.title, source: rules.content.default.source } }
      : {}),
    reference: { rules: rules.label, sectors: sectors.label },
  };
}
