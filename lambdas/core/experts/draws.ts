/**
 * Draw records and the current panel of each case. A draw record (`DRAW#<drawId>` / `DRAW`) holds everything the
 * draw used — candidates in canonical order with their load and matches, the excluded with their reasons, the seed,
 * the rule and the members kept — so `verifyDraw` can re-run it. The current panel of a case
 * (`CASE#<caseId>` / `PANEL#<panel>`) points at the latest draw; GSI1 `PANELORG#<enterpriseId>` lists an
 * enterprise's panels for the previous-round exclusion.
 */
import type { Item } from '../db/port';
import type { Ports } from '../ports';
import type { PanelRuleSpec } from '../reference/tables/experts';
import type { DrawRule, Member } from './draw';
import { drawPanel } from './draw';
import type { Candidate, ExclusionReason } from './eligibility';

export interface PanelMember extends Member {
  name: string;
  industries: string[];
}

export interface DrawRecord {
  drawId: string;
  caseId: string;
  organisationId: string;
  panel: string;
  rule: PanelRuleSpec;
  drawRule: DrawRule;
  /** `panel-rules@<version>`. */
  rules: string;
  seed: string;
  at: string;
  industryCode: string;
  consultancyIds: string[];
  replace: string[];
  exclude: string[];
  keep: Member[];
  candidates: Candidate[];
  excluded: { userId: string; reasons: ExclusionReason[] }[];
  order: string[];
  members: PanelMember[];
  previousDrawId?: string;
}

export interface CurrentPanel {
  caseId: string;
  panel: string;
  drawId: string;
  members: PanelMember[];
  /** Everyone replaced on this panel so far (they declined): never drawn for it again. */
  replaced?: string[];
  at: string;
}

export const drawKey = (drawId: string) => ({ PK: `DRAW#${drawId}`, SK: 'DRAW' });
export const currentPanelKey = (caseId: string, panel: string) => ({
  PK: `CASE#${caseId}`,
  SK: `PANEL#${panel}`,
});

export function drawToItem(d: DrawRecord): Item {
  return {
    ...drawKey(d.drawId),
    type: 'panel-draw',
    ...d,
    GSI1PK: `DRAWCASE#${d.caseId}`,
    GSI1SK: `${d.at}#${d.drawId}`,
  };
}

export function currentPanelToItem(p: CurrentPanel, organisationId: string): Item {
  return {
    ...currentPanelKey(p.caseId, p.panel),
    type: 'case-panel',
    ...p,
    organisationId,
    GSI1PK: `PANELORG#${organisationId}`,
    GSI1SK: `${p.at}#${p.caseId}#${p.panel}`,
  };
}

const strip = <T>(item: Item): T => {
  const { PK: _pk, SK: _sk, type: _t, GSI1PK: _a, GSI1SK: _b, ...rest } = item;
  return rest as unknown as T;
};

export async function findDraw({ db }: Pick<Ports, 'db'>, drawId: string): Promise<DrawRecord | undefined> {
  const item = await db.get({ Key: drawKey(drawId), ConsistentRead: true });
  return item ? strip<DrawRecord>(item) : undefined;
}

export async function findCurrentPanel(
  { db }: Pick<Ports, 'db'>,
  caseId: string,
  panel: string,
): Promise<CurrentPanel | undefined> {
  const item = await db.get({ Key: currentPanelKey(caseId, panel), ConsistentRead: true });
  return item ? strip<CurrentPanel>(item) : undefined;
}

/** The current panels of a case (one per panel rule drawn). */
export async function listCurrentPanels({ db }: Pick<Ports, 'db'>, caseId: string): Promise<CurrentPanel[]> {
  const page = await db.query({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
    ExpressionAttributeValues: { ':pk': `CASE#${caseId}`, ':p': 'PANEL#' },
    ConsistentRead: true,
  });
  return page.items.map((i) => strip<CurrentPanel>(i));
}

/** Experts on the enterprise's panels of other cases since `sinceIso` (its previous rounds). */
export async function previousReviewers(
  { db }: Pick<Ports, 'db'>,
  organisationId: string,
  caseId: string,
  sinceIso: string,
): Promise<Set<string>> {
  const out = new Set<string>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.query({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK >= :since',
      ExpressionAttributeValues: { ':pk': `PANELORG#${organisationId}`, ':since': sinceIso },
      ExclusiveStartKey: start,
    });
    for (const item of page.items) {
      const p = strip<CurrentPanel>(item);
      if (p.caseId !== caseId) p.members.forEach((m) => out.add(m.userId));
    }
    start = page.lastKey;
  } while (start);
  return out;
}

/**
 * Re-runs a recorded draw on its own inputs: the panel must come out the same.
 * @example verifyDraw(record) // { reproducible: true, members: ['usr_expert004', …] }
 */
export function verifyDraw(record: DrawRecord): { reproducible: boolean; members: string[] } {
  const again = drawPanel(record.candidates, record.seed, record.drawRule, record.keep);
  const ids = (ms: readonly Member[]) => ms.map((m) => `${m.userId}${m.leader ? '*' : ''}`).sort();
  const members = again ? ids(again.members) : [];
  return { reproducible: JSON.stringify(members) === JSON.stringify(ids(record.members)), members };
}
