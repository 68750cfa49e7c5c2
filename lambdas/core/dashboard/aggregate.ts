/**
 * The roll-up's arithmetic, pure: case and certificate facts in, one dashboard per region node out. Facts are keyed
 * by case id, so a case read twice (it closed while the roll-up read the index partitions one after another, or a
 * page was read again) counts once — the most recently updated copy wins — and running it again on the same facts
 * gives the same dashboards.
 */
import { addDays } from '../reminders/dates';
import { chinaDate } from '../certificates/model';
import type {
  CaseFacts,
  CertificateFacts,
  ConsultancyQuality,
  Counts,
  Dashboard,
  SavingsTotals,
} from './model';
import { ancestorPaths, industryDivision } from './model';

export interface AggregateInput {
  /** The subtree rolled up (its own node and every node below it that holds a case). */
  root: string;
  asOf: number;
  cases: Iterable<CaseFacts>;
  certificates: Iterable<CertificateFacts>;
  /** Enterprise id → the consultancies it authorised. */
  consultanciesOf: ReadonlyMap<string, readonly string[]>;
  consultancyNames?: ReadonlyMap<string, string>;
}

/** One copy per case id: the most recently updated. */
export function latestPerCase(cases: Iterable<CaseFacts>): Map<string, CaseFacts> {
  const byId = new Map<string, CaseFacts>();
  for (const c of cases) {
    const seen = byId.get(c.id);
    if (!seen || seen.updatedAt < c.updatedAt) byId.set(c.id, c);
  }
  return byId;
}

function emptyDashboard(regionPath: string, asOf: string): Dashboard {
  return {
    regionPath,
    asOf,
    cases: { total: 0, byStatus: {}, byProgramme: {}, byStage: {}, byDistrict: {}, byIndustry: {} },
    overdue: { tasks: 0, cases: 0, byProgramme: {} },
    certificates: { expiring: { days30: 0, days90: 0, days180: 0 } },
    savings: { byYear: {} },
    consultancies: [],
  };
}

const bump = (counts: Counts, key: string, n = 1) => {
  counts[key] = (counts[key] ?? 0) + n;
};
const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * @example aggregate({ root: '86/', asOf: Date.now(), cases, certificates: [], consultanciesOf: new Map() }).get('86/')
 */
export function aggregate(input: AggregateInput): Map<string, Dashboard> {
  const asOfIso = new Date(input.asOf).toISOString();
  const out = new Map<string, Dashboard>([[input.root, emptyDashboard(input.root, asOfIso)]]);
  const quality = new Map<string, Map<string, ConsultancyQuality>>();
  const nodesOf = (regionPath: string): Dashboard[] =>
    ancestorPaths(regionPath)
      .filter((p) => p.startsWith(input.root))
      .map((p) => {
        let d = out.get(p);
        if (!d) out.set(p, (d = emptyDashboard(p, asOfIso)));
        return d;
      });

  for (const c of latestPerCase(input.cases).values()) {
    const nodes = nodesOf(c.regionPath);
    const overdue = c.status === 'running' ? c.dueAts.filter((due) => due < asOfIso).length : 0;
    for (const d of nodes) {
      d.cases.total++;
      bump(d.cases.byStatus, c.status);
      bump(d.cases.byProgramme, c.programmeId);
      bump(d.cases.byDistrict, c.district ?? 'unknown');
      bump(d.cases.byIndustry, industryDivision(c.industryCode));
      if (c.status === 'running') bump(d.cases.byStage, c.stage ?? 'unknown');
      if (overdue) {
        d.overdue.tasks += overdue;
        d.overdue.cases++;
        bump(d.overdue.byProgramme, c.programmeId);
      }
      if (c.savings) addSavings(d, c.savings);
    }
    if (c.kind && c.kind !== 'audit') continue;
    for (const consultancyId of input.consultanciesOf.get(c.organisationId) ?? []) {
      for (const d of nodes) {
        let perNode = quality.get(d.regionPath);
        if (!perNode) quality.set(d.regionPath, (perNode = new Map()));
        let q = perNode.get(consultancyId);
        if (!q) {
          const name = input.consultancyNames?.get(consultancyId);
          q = {
            consultancyId,
            ...(name ? { name } : {}),
            cases: 0,
            passed: 0,
            failed: 0,
            revisionLoops: 0,
            findings: { block: 0, warn: 0 },
          };
          perNode.set(consultancyId, q);
        }
        q.cases++;
        if (c.status === 'completed') q.passed++;
        if (c.status === 'failed') q.failed++;
        q.revisionLoops += c.quality?.revisionLoops ?? 0;
        q.findings.block += c.quality?.block ?? 0;
        q.findings.warn += c.quality?.warn ?? 0;
      }
    }
  }

  const today = chinaDate(input.asOf);
  const horizon = { days30: addDays(today, 30), days90: addDays(today, 90), days180: addDays(today, 180) };
  const certs = new Map<string, CertificateFacts>();
  for (const cert of input.certificates) certs.set(cert.id, cert);
  for (const cert of certs.values()) {
    if (cert.status !== 'valid' || cert.validUntil < today || cert.validUntil > horizon.days180) continue;
    for (const d of nodesOf(cert.regionPath)) {
      d.certificates.expiring.days180++;
      if (cert.validUntil <= horizon.days90) d.certificates.expiring.days90++;
      if (cert.validUntil <= horizon.days30) d.certificates.expiring.days30++;
    }
  }

  for (const [path, perNode] of quality) {
    out.get(path)!.consultancies = [...perNode.values()].sort(
      (a, b) => b.cases - a.cases || a.consultancyId.localeCompare(b.consultancyId),
    );
  }
  return out;
}

function addSavings(d: Dashboard, s: NonNullable<CaseFacts['savings']>) {
  const year = String(s.year);
  const t: SavingsTotals = (d.savings.byYear[year] ??= {
    cases: 0,
    tce: 0,
    waterT: 0,
    co2T: 0,
    pollutants: {},
  });
  t.cases++;
  t.tce = round(t.tce + s.tce);
  t.waterT = round(t.waterT + s.waterT);
  t.co2T = round(t.co2T + s.co2T);
  for (const [code, v] of Object.entries(s.pollutants))
    t.pollutants[code] = round((t.pollutants[code] ?? 0) + v);
}
