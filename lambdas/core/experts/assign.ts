/**
 * `cp-assign-experts`: draws a case's panel from the expert pool under the `panel-rules` table, records the draw,
 * makes the members participants of the case (so they can see it), counts the assignment against their load and
 * appends `panel.drawn`. After a decline the workflow calls again with `replace`: the other members stay and only the
 * replaced seats are drawn. Idempotent: the draw id is derived from the request, and a repeated call finds the
 * record and completes whatever writes a crash left undone.
 */
import { z } from 'zod';
import { sha256Hex } from '../canonical';
import { participantItem, participantKey, userPrincipal } from '../cases/access';
import { getCase } from '../cases/cases';
import { appendEvents } from '../cases/events';
import type { Case } from '../cases/model';
import { ConditionFailedError } from '../db/errors';
import { listConsultancies } from '../identity/consultancies';
import { getOrganisation } from '../identity/organisations';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import { issuesToDetails } from '../reference/errors';
import { getTable } from '../reference/store';
import type { DrawRule, Member } from './draw';
import { drawPanel } from './draw';
import type { CurrentPanel, DrawRecord, PanelMember } from './draws';
import {
  currentPanelToItem,
  drawToItem,
  findCurrentPanel,
  findDraw,
  listCurrentPanels,
  previousReviewers,
} from './draws';
import { eligibility } from './eligibility';
import { InvalidPanelRequestError, NotEnoughExpertsError } from './errors';
import { recordAssignment, readLoads, removeAssignment, slotOf } from './load';
import { listProfiles } from './profile';

const Ids = z.array(z.string().min(1).max(64)).max(50).default([]);

export const AssignPayload = z.looseObject({
  caseId: z.string().min(1),
  organisationId: z.string().min(1).optional(),
  consultancyId: z.string().max(64).nullable().optional(),
  industryCode: z
    .string()
    .regex(/^[A-T](\d{2}(\d{1,2})?)?$/)
    .optional(),
  /** A panel rule id of `panel-rules` (`evaluation`, `acceptance`, `quick` …). */
  panel: z.string().min(1).max(64),
  /** Members to replace (they declined); the rest of the current panel stays. */
  replace: Ids,
  /** Experts who must not be drawn. */
  exclude: Ids,
});

export interface AssignResult {
  drawId: string;
  seed: string;
  panel: { userId: string; name: string; leader: boolean; industries: string[]; industryMatch: boolean }[];
  /** The members' ids, for an expert step's `assignee.userIds`. */
  userIds: string[];
  leaderId: string;
  panelRule: string;
  replaced: string[];
}

const YEAR_MS = 365.25 * 86_400_000;
const uniqueSorted = (xs: readonly string[]) => [...new Set(xs)].sort();

function result(record: Pick<DrawRecord, 'drawId' | 'seed' | 'members' | 'panel' | 'replace'>): AssignResult {
  return {
    drawId: record.drawId,
    seed: record.seed,
    panel: record.members.map(({ userId, name, leader, industries, industryMatch }) => ({
      userId,
      name,
      leader,
      industries,
      industryMatch,
    })),
    userIds: record.members.map((m) => m.userId),
    leaderId: record.members.find((m) => m.leader)?.userId ?? '',
    panelRule: record.panel,
    replaced: record.replace,
  };
}

/**
 * @example await assignExperts(ports, { caseId, organisationId, industryCode: 'C3360', panel: 'evaluation' })
 * // { drawId: 'draw_…', seed: 'seed_…', panel: [{ userId: 'usr_expert004', leader: true, … }, …], … }
 */
export async function assignExperts(ports: Ports, payload: unknown): Promise<AssignResult> {
  const parsed = AssignPayload.safeParse(payload);
  if (!parsed.success)
    throw new InvalidPanelRequestError(
      'invalid cp-assign-experts payload',
      issuesToDetails(parsed.error.issues),
    );
  const req = parsed.data;
  const c = await getCase(ports, req.caseId);
  if (req.organisationId && req.organisationId !== c.organisationId)
    throw new InvalidPanelRequestError(`case ${c.id} is not ${req.organisationId}'s`, [
      { path: '/organisationId', message: 'not the case organisation' },
    ]);
  const replace = uniqueSorted(req.replace);
  const exclude = uniqueSorted(req.exclude);
  const current = await findCurrentPanel(ports, c.id, req.panel);
  if (!replace.length && current) {
    const record = await findDraw(ports, current.drawId);
    if (record) return result(record);
  }
  const drawId = `draw_${(await sha256Hex(JSON.stringify([c.id, req.panel, replace, exclude]))).slice(0, 26)}`;
  const record =
    (await findDraw(ports, drawId)) ?? (await newDraw(ports, c, req, drawId, replace, exclude, current));
  await applyDraw(ports, c, record);
  return result(record);
}

async function newDraw(
  ports: Ports,
  c: Case,
  req: z.infer<typeof AssignPayload>,
  drawId: string,
  replace: string[],
  exclude: string[],
  current: CurrentPanel | undefined,
): Promise<DrawRecord> {
  const rules = await getTable(ports, 'panel-rules');
  const rule = rules.content.panels.find((p) => p.id === req.panel);
  if (!rule)
    throw new InvalidPanelRequestError(`no panel rule ${req.panel}`, [
      { path: '/panel', message: `one of ${rules.content.panels.map((p) => p.id).join(', ')}` },
    ]);
  const industryCode =
    req.industryCode ??
    c.industryCode ??
    String((await getOrganisation(ports, c.organisationId)).profile.industryCode ?? '');
  const now = ports.clock.now();
  const [profiles, authorised, reviewers] = await Promise.all([
    listProfiles(ports),
    listConsultancies(ports, c.organisationId),
    rules.content.exclusions.previousRound.exclude
      ? previousReviewers(
          ports,
          c.organisationId,
          c.id,
          isoTime(now - rules.content.exclusions.previousRound.lookbackYears * YEAR_MS),
        )
      : Promise.resolve(new Set<string>()),
  ]);
  const consultancyIds = uniqueSorted([...(req.consultancyId ? [req.consultancyId] : []), ...authorised]);
  const loads = await readLoads(
    ports,
    profiles.map((p) => p.userId),
    now,
    rules.content.load.periodDays,
    slotOf(c.id, req.panel),
  );
  const { candidates, excluded } = eligibility(
    profiles,
    {
      enterpriseId: c.organisationId,
      consultancyIds,
      industryCode,
      regionPath: c.regionPath,
      now,
      previousReviewers: reviewers,
      loads,
      excluded: new Set([...exclude, ...replace, ...(current?.replaced ?? [])]),
    },
    rules.content,
    rule.industryMatchLength,
  );
  const keep: Member[] = (current?.members ?? [])
    .filter((m) => !replace.includes(m.userId))
    .map(({ userId, leader, industryMatch, canLead }) => ({ userId, leader, industryMatch, canLead }));
  const drawRule: DrawRule = {
    size: rule.size,
    minIndustryMatches: rule.minIndustryMatches,
    leaderFrom: rule.leaderFrom,
    balance: rules.content.load.balance,
  };
  const seed = ports.ids.next('seed');
  const outcome = drawPanel(candidates, seed, drawRule, keep);
  if (!outcome) {
    const reasons: Record<string, number> = {};
    excluded.forEach((x) => x.reasons.forEach((r) => (reasons[r] = (reasons[r] ?? 0) + 1)));
    throw new NotEnoughExpertsError(
      `too few eligible experts for the ${rule.id} panel of case ${c.id} (${candidates.length} eligible, ${rule.size} seats)`,
      {
        panel: rule.id,
        size: rule.size,
        kept: keep.length,
        eligible: candidates.length,
        industryMatches: candidates.filter((x) => x.industryMatch).length,
        mayLead: candidates.filter((x) => rule.leaderFrom === 'any' || x.canLead).length,
        excludedBy: reasons,
        rules: rules.label,
      },
    );
  }
  const byId = new Map(profiles.map((p) => [p.userId, p]));
  const previous = new Map((current?.members ?? []).map((m) => [m.userId, m]));
  const members: PanelMember[] = outcome.members.map((m) => {
    const p = byId.get(m.userId);
    return {
      ...m,
      name: p?.name ?? previous.get(m.userId)?.name ?? m.userId,
      industries: p?.industries ?? previous.get(m.userId)?.industries ?? [],
    };
  });
  const record: DrawRecord = {
    drawId,
    caseId: c.id,
    organisationId: c.organisationId,
    panel: rule.id,
    rule,
    drawRule,
    rules: rules.label,
    seed,
    at: isoTime(now),
    industryCode,
    consultancyIds,
    replace,
    exclude,
    keep,
    candidates,
    excluded,
    order: outcome.order,
    members,
    ...(current ? { previousDrawId: current.drawId } : {}),
  };
  try {
    await ports.db.put({ Item: drawToItem(record), ConditionExpression: 'attribute_not_exists(PK)' });
    return record;
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err;
    return (await findDraw(ports, drawId))!; // a concurrent invocation drew first: its draw stands
  }
}

/** The writes that follow a draw; each is idempotent, so a repeated invocation completes them. */
async function applyDraw(ports: Ports, c: Case, record: DrawRecord): Promise<void> {
  const replaced = record.replace.filter((id) => !record.members.some((m) => m.userId === id));
  for (const m of record.members) {
    await recordAssignment(ports, m.userId, {
      caseId: c.id,
      panel: record.panel,
      drawId: record.drawId,
      at: record.at,
    });
  }
  for (const id of replaced) await removeAssignment(ports, id, c.id, record.panel);
  // A replaced expert keeps seeing the case only while on another of its panels.
  const elsewhere = new Set(
    (await listCurrentPanels(ports, c.id))
      .filter((p) => p.panel !== record.panel)
      .flatMap((p) => p.members.map((m) => m.userId)),
  );
  const gone = replaced.filter((id) => !elsewhere.has(id));
  await ports.db.batchWrite({
    puts: record.members.map((m) => participantItem(userPrincipal(m.userId), c, 'expert')),
    ...(gone.length ? { deletes: gone.map((id) => participantKey(userPrincipal(id), c.id)) } : {}),
  });
  try {
    await appendEvents(
      ports,
      c.id,
      [
        {
          kind: 'panel.drawn',
          actor: { userId: 'workflow', role: 'system' },
          summary: `专家组已抽取（${record.rule.title.zh}）：${record.members.map((m) => `${m.name}${m.leader ? '（组长）' : ''}`).join('、')}`,
          data: {
            drawId: record.drawId,
            panel: record.panel,
            seed: record.seed,
            rules: record.rules,
            members: record.members.map((m) => ({ userId: m.userId, leader: m.leader })),
            replaced,
          },
        },
      ],
      {
        add: ['#draws :d'],
        condition: 'NOT contains(#draws, :dv)',
        names: { '#draws': 'panelDraws' },
        values: { ':d': new Set([record.drawId]), ':dv': record.drawId },
      },
    );
  } catch (err) {
    if (!(err instanceof ConditionFailedError)) throw err; // appended by an earlier invocation
  }
  const current = await findCurrentPanel(ports, c.id, record.panel);
  if (!current || current.at <= record.at) {
    const pointer: CurrentPanel = {
      caseId: c.id,
      panel: record.panel,
      drawId: record.drawId,
      members: record.members,
      replaced: uniqueSorted([...(current?.replaced ?? []), ...record.replace]),
      at: record.at,
    };
    await ports.db.put({ Item: currentPanelToItem(pointer, c.organisationId) });
  }
}
