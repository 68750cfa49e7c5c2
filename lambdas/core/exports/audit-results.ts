/**
 * The differentiated-policy export (seed 2.3 and 3.1(4)): audit results by enterprise — certificate, grade, score,
 * validity and the key performance figures — for the agencies that set tiered electricity prices, water quotas and
 * heavy-pollution-weather grading. Filtered by region subtree, industry prefix, grade and the day the certificate must
 * be valid on; one row per enterprise (its latest matching certificate) unless all certificates are asked for.
 * Reads the certificates' region index (GSI2 `CERTS`), then the enterprises and results records in batches.
 */
import { certificateFromItem, chinaDate, publicStatus } from '../certificates/model';
import type { Certificate } from '../certificates/model';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { NotFoundError } from '../errors';
import type { Actor } from '../identity/actor';
import { isWithin, getRegion } from '../identity/regions';
import type { Organisation } from '../identity/organisations';
import { orgKey, organisationFromItem } from '../identity/organisations';
import type { Ports } from '../ports';
import { resultsFromItem, resultsKey } from '../results/results';
import type { CaseResults } from '../results/results';

export interface ExportQuery {
  /** A region code in the caller's subtree (default: the caller's region). */
  region?: string;
  /** GB/T 4754 prefix: `C`, `C33`, `C3360`. */
  industry?: string;
  grade?: 'excellent' | 'good' | 'pass';
  /** Only certificates valid on this day (YYYY-MM-DD). */
  validOn?: string;
  /** Every matching certificate instead of each enterprise's latest. */
  all?: boolean;
  limit?: number;
  cursor?: string;
}

export interface ExportRow {
  enterprise: string;
  creditCode: string;
  industryCode: string;
  regionCode: string;
  certificateNumber: string;
  auditType: string;
  grade: string;
  score: number;
  validFrom: string;
  validUntil: string;
  status: string;
  /** tce (等价值), t CO2, t water, t pollutants, 万元. */
  energySavedTce: number | null;
  co2ReducedT: number | null;
  waterSavedT: number | null;
  codReducedT: number | null;
  nh3nReducedT: number | null;
  so2ReducedT: number | null;
  noxReducedT: number | null;
  vocsReducedT: number | null;
  economicBenefit: number | null;
  midHighInvestment: number | null;
  certificateId: string;
  caseId: string;
}

export const EXPORT_COLUMNS: (keyof ExportRow)[] = [
  'enterprise',
  'creditCode',
  'industryCode',
  'regionCode',
  'certificateNumber',
  'auditType',
  'grade',
  'score',
  'validFrom',
  'validUntil',
  'status',
  'energySavedTce',
  'co2ReducedT',
  'waterSavedT',
  'codReducedT',
  'nh3nReducedT',
  'so2ReducedT',
  'noxReducedT',
  'vocsReducedT',
  'economicBenefit',
  'midHighInvestment',
  'certificateId',
  'caseId',
];

const n = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** One row from a certificate, its holder and its case's results (pure). */
export function rowOf(
  c: Certificate,
  org: Organisation | undefined,
  results: CaseResults | undefined,
  day: string,
): ExportRow {
  const p = (results?.performance ?? {}) as Record<string, unknown>;
  const pollutants = (p.pollutants ?? {}) as Record<string, unknown>;
  const options = (p.options ?? {}) as { midHigh?: { investment?: unknown } };
  return {
    enterprise: c.holderName,
    creditCode: org?.profile.creditCode ?? '',
    industryCode: org?.profile.industryCode ?? '',
    regionCode: org?.regionCode ?? c.regionPath.split('/').filter(Boolean).pop() ?? '',
    certificateNumber: c.number,
    auditType: c.auditType.zh,
    grade: c.grade,
    score: c.score,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    status: publicStatus(c, day),
    energySavedTce: n((p.tce as { equivalent?: unknown } | undefined)?.equivalent),
    co2ReducedT: n(p.co2T),
    waterSavedT: n(p.waterT),
    codReducedT: n(pollutants.COD),
    nh3nReducedT: n(pollutants['NH3-N']),
    so2ReducedT: n(pollutants.SO2),
    noxReducedT: n(pollutants.NOx),
    vocsReducedT: n(pollutants.VOCs),
    economicBenefit: n(p.economicBenefit),
    midHighInvestment: n(options.midHigh?.investment),
    certificateId: c.id,
    caseId: c.caseId,
  };
}

async function batchGetAll(ports: Pick<Ports, 'db'>, keys: { PK: string; SK: string }[]) {
  const out = [];
  const unique = [...new Map(keys.map((k) => [`${k.PK}|${k.SK}`, k])).values()];
  for (let i = 0; i < unique.length; i += 100)
    out.push(...(await ports.db.batchGet(unique.slice(i, i + 100))));
  return out;
}

/**
 * @example await exportAuditResults(ports, adminActor, { region: '440100', grade: 'excellent', validOn: '2027-01-01' })
 * // { asOf: '2027-01-01', rows: [{ enterprise: '广州白云印刷包装有限公司', grade: 'excellent', energySavedTce: 18.4, … }] }
 */
export async function exportAuditResults(
  ports: Pick<Ports, 'db' | 'clock'>,
  actor: Actor,
  q: ExportQuery,
): Promise<{ asOf: string; rows: ExportRow[]; cursor?: string }> {
  let path = actor.regionPath;
  if (q.region) {
    const region = await getRegion(ports, q.region).catch(() => undefined);
    if (!region || !isWithin(region.path, actor.regionPath)) throw new NotFoundError('region', q.region);
    path = region.path;
  }
  const day = q.validOn ?? chinaDate(ports.clock.now());
  const limit = Math.min(q.limit ?? 1000, 5000);
  const filters: string[] = [];
  const values: Record<string, unknown> = { ':pk': 'CERTS', ':p': path };
  const names: Record<string, string> = {};
  if (q.grade) {
    filters.push('#g = :g');
    names['#g'] = 'grade';
    values[':g'] = q.grade;
  }
  if (q.validOn) {
    filters.push('#s = :valid AND validFrom <= :d AND validUntil >= :d');
    names['#s'] = 'status';
    Object.assign(values, { ':valid': 'valid', ':d': q.validOn });
  }
  const certs: Certificate[] = [];
  let start = decodeCursor(q.cursor, ['GSI2PK', 'CERTS']) as Record<string, unknown> | undefined;
  do {
    const page = await ports.db.query({
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk AND begins_with(GSI2SK, :p)',
      ...(filters.length ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
      Limit: 200,
      ExclusiveStartKey: start,
    });
    certs.push(...page.items.map(certificateFromItem));
    start = page.lastKey;
  } while (start && certs.length < limit);
  const orgs = new Map(
    (
      await batchGetAll(
        ports,
        certs.map((c) => orgKey(c.holderOrgId)),
      )
    ).map((i) => [String(i.id), organisationFromItem(i)]),
  );
  const matching = certs.filter(
    (c) => !q.industry || (orgs.get(c.holderOrgId)?.profile.industryCode ?? '').startsWith(q.industry),
  );
  const chosen = q.all
    ? matching
    : [
        ...new Map(
          [...matching].sort((a, b) => a.issuedAt.localeCompare(b.issuedAt)).map((c) => [c.holderOrgId, c]),
        ).values(),
      ];
  const results = new Map(
    (
      await batchGetAll(
        ports,
        chosen.map((c) => resultsKey(c.caseId)),
      )
    ).map((i) => {
      const r = resultsFromItem(i);
      return [r.caseId, r];
    }),
  );
  const rows = chosen
    .map((c) => rowOf(c, orgs.get(c.holderOrgId), results.get(c.caseId), day))
    .sort((a, b) => a.regionCode.localeCompare(b.regionCode) || a.enterprise.localeCompare(b.enterprise));
  const cursor = encodeCursor(start);
  return { asOf: day, rows, ...(cursor ? { cursor } : {}) };
}

/**
 * RFC 4180 CSV with a UTF-8 byte-order mark (so spreadsheet programs read the Chinese names), header = field names.
 * @example toCsv([row]) // '\uFEFFenterprise,creditCode,…\r\n广州白云印刷包装有限公司,91440111MA5CKL7Q2D,…\r\n'
 */
export function toCsv(rows: readonly ExportRow[]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [
    EXPORT_COLUMNS.join(','),
    ...rows.map((r) => EXPORT_COLUMNS.map((k) => cell(r[k])).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
