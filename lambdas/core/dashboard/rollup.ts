/**
 * The dashboard roll-up (`cp-dashboard`, run on a schedule; also on demand): reads the cases of a region subtree from
 * the status index (GSI3 `CASESTATUS#<status>`, `begins_with(<regionPath>)`, projected to what the dashboard counts),
 * the certificates expiring within 180 days (GSI3 `CERTEXPIRY`) and the consultancy authorisations, recounts
 * everything (aggregate.ts) and writes one snapshot per region node. A recount cannot double count a retried event
 * and repairs itself on the next run; docs/data-model.md ("Dashboard") weighs it against live counters.
 */
import { CASE_STATUSES } from '../cases/model';
import { chinaDate } from '../certificates/model';
import type { Item, QueryRequest } from '../db/port';
import { organisationFromItem } from '../identity/organisations';
import type { Ports } from '../ports';
import { addDays } from '../reminders/dates';
import { aggregate } from './aggregate';
import type { CaseFacts, CertificateFacts, Dashboard } from './model';
import { dashboardToItem } from './model';

async function queryAll(ports: Pick<Ports, 'db'>, req: QueryRequest): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ports.db.query({ ...req, ExclusiveStartKey: start });
    items.push(...page.items);
    start = page.lastKey;
  } while (start);
  return items;
}

/** Runs `fn` over `items`, `width` at a time. */
async function inBatches<T, R>(items: T[], width: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width)
    out.push(...(await Promise.all(items.slice(i, i + width).map(fn))));
  return out;
}

const CASE_ATTRIBUTES = [
  'id',
  'programmeId',
  'kind',
  'status',
  'stage',
  'regionPath',
  'district',
  'industryCode',
  'organisationId',
  'updatedAt',
  'currentSteps',
  'quality',
  'savings',
];

export function caseFactsFromItem(item: Item): CaseFacts {
  const steps = (item.currentSteps ?? {}) as Record<string, { dueAt?: unknown }>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    id: String(item.id),
    programmeId: String(item.programmeId),
    ...(str(item.kind) ? { kind: str(item.kind) } : {}),
    status: String(item.status),
    ...(str(item.stage) ? { stage: str(item.stage) } : {}),
    regionPath: String(item.regionPath),
    ...(str(item.district) ? { district: str(item.district) } : {}),
    ...(str(item.industryCode) ? { industryCode: str(item.industryCode) } : {}),
    organisationId: String(item.organisationId),
    updatedAt: String(item.updatedAt),
    dueAts: Object.values(steps)
      .map((s) => s?.dueAt)
      .filter((d): d is string => typeof d === 'string'),
    ...(item.quality ? { quality: item.quality as CaseFacts['quality'] } : {}),
    ...(item.savings ? { savings: item.savings as CaseFacts['savings'] } : {}),
  };
}

/** The cases of a subtree, every status, projected. */
export async function readCaseFacts(ports: Pick<Ports, 'db'>, root: string): Promise<CaseFacts[]> {
  const names = Object.fromEntries(CASE_ATTRIBUTES.map((a, i) => [`#a${i}`, a]));
  const pages = await Promise.all(
    CASE_STATUSES.map((status) =>
      queryAll(ports, {
        IndexName: 'GSI3',
        KeyConditionExpression: 'GSI3PK = :pk AND begins_with(GSI3SK, :root)',
        ExpressionAttributeValues: { ':pk': `CASESTATUS#${status}`, ':root': root },
        ExpressionAttributeNames: names,
        ProjectionExpression: Object.keys(names).join(', '),
      }),
    ),
  );
  return pages.flat().map(caseFactsFromItem);
}

/** Certificates whose last valid day lies within 180 days of `asOf`, in the subtree. */
export async function readExpiringCertificates(
  ports: Pick<Ports, 'db'>,
  root: string,
  asOf: number,
): Promise<CertificateFacts[]> {
  const today = chinaDate(asOf);
  const items = await queryAll(ports, {
    IndexName: 'GSI3',
    KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': 'CERTEXPIRY', ':from': today, ':to': `${addDays(today, 180)}#~` },
    ExpressionAttributeNames: { '#i': 'id', '#r': 'regionPath', '#v': 'validUntil', '#s': 'status' },
    ProjectionExpression: '#i, #r, #v, #s',
  });
  return items
    .map((i) => ({
      id: String(i.id),
      regionPath: String(i.regionPath),
      validUntil: String(i.validUntil),
      status: String(i.status),
    }))
    .filter((c) => c.regionPath.startsWith(root));
}

/** Enterprise → the consultancies it authorised, and the consultancies' names (every consultancy: one may serve
 * enterprises of any region). One query for the consultancies, one per consultancy for its enterprises. */
export async function readConsultancies(ports: Pick<Ports, 'db'>) {
  const orgs = (
    await queryAll(ports, {
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': 'ORGKIND#consultancy' },
    })
  ).map(organisationFromItem);
  const consultancyNames = new Map(orgs.map((o) => [o.id, o.name]));
  const consultanciesOf = new Map<string, string[]>();
  await inBatches(orgs, 8, async (o) => {
    const links = await queryAll(ports, {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': `AUTHORISED#${o.id}` },
    });
    for (const link of links) {
      const enterprise = String(link.enterpriseId);
      consultanciesOf.set(enterprise, [...(consultanciesOf.get(enterprise) ?? []), o.id]);
    }
  });
  return { consultanciesOf, consultancyNames };
}

export interface RollupReport {
  root: string;
  asOf: string;
  cases: number;
  snapshots: number;
  dashboards: Map<string, Dashboard>;
}

/**
 * Recounts the subtree under `root` (default: everything, `86/`) and writes its snapshots.
 * @example await rollupDashboard(ports, { root: '86/440000/' })
 */
export async function rollupDashboard(
  ports: Pick<Ports, 'db' | 'clock'>,
  opts: { root?: string } = {},
): Promise<RollupReport> {
  const root = opts.root ?? '86/';
  const asOf = ports.clock.now();
  const [cases, certificates, consultancies] = await Promise.all([
    readCaseFacts(ports, root),
    readExpiringCertificates(ports, root, asOf),
    readConsultancies(ports),
  ]);
  const dashboards = aggregate({ root, asOf, cases, certificates, ...consultancies });
  const items = [...dashboards.values()].map(dashboardToItem);
  await inBatches(
    Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25)),
    4,
    (puts) => ports.db.batchWrite({ puts }),
  );
  return {
    root,
    asOf: new Date(asOf).toISOString(),
    cases: cases.length,
    snapshots: items.length,
    dashboards,
  };
}
