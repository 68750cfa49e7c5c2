/**
 * `cp-score-panel`: aggregates the panel's score sheets (评分表) under the `score-sheets` table — per-expert totals
 * (items + bonus), the panel total (mean, trimmed mean or median), veto items (any, majority or leader), pass line
 * and grade bands, and the leader's conclusion. Pure: reads the table, writes nothing.
 */
import { z } from 'zod';
import { round } from '../forms/finance';
import type { Ports } from '../ports';
import { issuesToDetails } from '../reference/errors';
import { getTable } from '../reference/store';
import type { ScoreSheetSpec } from '../reference/tables/experts';
import { InvalidScoresError } from './errors';

/** One expert's score-sheet form data (see README.md). */
export const SheetData = z.looseObject({
  items: z.record(z.string(), z.number().finite()),
  bonus: z.record(z.string(), z.number().finite()).optional(),
  vetoes: z.record(z.string(), z.boolean()).optional(),
  conclusion: z.string().max(5000).optional(),
});
export type SheetDataValue = z.infer<typeof SheetData>;

const PanelRef = z.array(z.looseObject({ userId: z.string(), leader: z.boolean().optional() }));

export const ScorePayload = z.looseObject({
  caseId: z.string().optional(),
  sheet: z.string().min(1),
  scores: z
    .array(
      z.looseObject({
        userId: z.string().optional(),
        /** A human step's result carries `submittedBy` instead of `userId`. */
        submittedBy: z.string().optional(),
        leader: z.boolean().optional(),
        data: SheetData,
      }),
    )
    .min(1),
  /** The panel (cp-assign-experts' result or its `panel` list), to know the leader when scores do not say. */
  panel: z.union([PanelRef, z.looseObject({ panel: PanelRef })]).optional(),
});

export interface ExpertScore {
  userId: string;
  leader: boolean;
  itemsTotal: number;
  bonusTotal: number;
  total: number;
  vetoes: string[];
  conclusion: string | null;
}

export type Grade = 'excellent' | 'good' | 'pass' | 'fail';

export interface PanelScore {
  total: number;
  perExpert: ExpertScore[];
  vetoed: string[];
  passed: boolean;
  grade: Grade;
  passLine: number;
  aggregation: ScoreSheetSpec['aggregation']['value'];
  leaderId: string | null;
  leaderConclusion: string | null;
  sheet: string;
}

type Detail = { path: string; message: string };

/** Problems with one expert's data against the sheet. */
export function sheetProblems(sheet: ScoreSheetSpec, data: SheetDataValue, at: string): Detail[] {
  const problems: Detail[] = [];
  const check = (
    kind: 'items' | 'bonus',
    specs: ScoreSheetSpec['items'],
    given: Record<string, number>,
    required: boolean,
  ) => {
    for (const s of specs) {
      const v = given[s.id];
      if (v === undefined) {
        if (required) problems.push({ path: `${at}/${kind}/${s.id}`, message: 'missing' });
      } else if (v < 0 || v > s.max)
        problems.push({ path: `${at}/${kind}/${s.id}`, message: `between 0 and ${s.max}` });
    }
    for (const key of Object.keys(given))
      if (!specs.some((s) => s.id === key))
        problems.push({ path: `${at}/${kind}/${key}`, message: `not an item of ${sheet.id}` });
  };
  check('items', sheet.items, data.items, true);
  check('bonus', sheet.bonus, data.bonus ?? {}, false);
  for (const key of Object.keys(data.vetoes ?? {}))
    if (!sheet.vetoes.some((v) => v.id === key))
      problems.push({ path: `${at}/vetoes/${key}`, message: `not a veto item of ${sheet.id}` });
  return problems;
}

/**
 * The panel total of per-expert totals.
 * @example aggregate([70, 80, 90, 100], 'trimmed-mean', 1) // 85
 */
export function aggregate(totals: readonly number[], how: PanelScore['aggregation'], trim: number): number {
  const sorted = [...totals].sort((a, b) => a - b);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  if (how === 'median') {
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }
  if (how === 'trimmed-mean' && sorted.length > 2 * trim)
    return mean(sorted.slice(trim, sorted.length - trim));
  return mean(sorted);
}

/**
 * Scores a panel on a sheet. Pure over its arguments.
 * @example scorePanel(sheet, [{ userId: 'u1', leader: true, data: { items: {...}, vetoes: {} } }, …], 'score-sheets@1')
 * // { total: 82.5, passed: true, grade: 'good', vetoed: [], … }
 */
export function scorePanel(
  sheet: ScoreSheetSpec,
  scores: readonly { userId: string; leader: boolean; data: SheetDataValue }[],
  label: string,
): PanelScore {
  const d = sheet.decimals;
  const r = (x: number) => round(x, d) ?? 0;
  const perExpert: ExpertScore[] = scores.map((s) => {
    const itemsTotal = Object.values(s.data.items).reduce((a, b) => a + b, 0);
    const bonusTotal = Object.values(s.data.bonus ?? {}).reduce((a, b) => a + b, 0);
    return {
      userId: s.userId,
      leader: s.leader,
      itemsTotal: r(itemsTotal),
      bonusTotal: r(bonusTotal),
      total: r(itemsTotal + bonusTotal),
      vetoes: sheet.vetoes.filter((v) => s.data.vetoes?.[v.id] === true).map((v) => v.id),
      conclusion: s.data.conclusion ?? null,
    };
  });
  const leader = perExpert.find((e) => e.leader);
  const vetoed = sheet.vetoes
    .map((v) => v.id)
    .filter((id) => {
      const marks = perExpert.filter((e) => e.vetoes.includes(id)).length;
      const rule = sheet.vetoRule.value;
      if (rule === 'any') return marks > 0;
      if (rule === 'leader') return Boolean(leader?.vetoes.includes(id));
      return marks > perExpert.length / 2;
    });
  const total = r(
    aggregate(
      perExpert.map((e) => e.total),
      sheet.aggregation.value,
      sheet.trim,
    ),
  );
  const passLine = sheet.passLine.value;
  const passed = vetoed.length === 0 && total >= passLine;
  const grade: Grade = !passed
    ? 'fail'
    : total >= sheet.grades.excellent
      ? 'excellent'
      : total >= sheet.grades.good
        ? 'good'
        : 'pass';
  return {
    total,
    perExpert,
    vetoed,
    passed,
    grade,
    passLine,
    aggregation: sheet.aggregation.value,
    leaderId: leader?.userId ?? null,
    leaderConclusion: leader?.conclusion ?? null,
    sheet: label,
  };
}

/**
 * @example await scoreFromPayload(ports, { sheet: 'acceptance', scores: [...], panel: assignResult })
 */
export async function scoreFromPayload(ports: Pick<Ports, 'db'>, payload: unknown): Promise<PanelScore> {
  const parsed = ScorePayload.safeParse(payload);
  if (!parsed.success)
    throw new InvalidScoresError('invalid cp-score-panel payload', issuesToDetails(parsed.error.issues));
  const req = parsed.data;
  const table = await getTable(ports, 'score-sheets');
  const sheet = table.content.sheets.find((s) => s.id === req.sheet);
  if (!sheet)
    throw new InvalidScoresError(`no score sheet ${req.sheet}`, [
      { path: '/sheet', message: `one of ${table.content.sheets.map((s) => s.id).join(', ')}` },
    ]);
  const panel = req.panel === undefined ? [] : Array.isArray(req.panel) ? req.panel : req.panel.panel;
  const leaders = new Set(panel.filter((m) => m.leader).map((m) => m.userId));
  const problems: Detail[] = [];
  const seen = new Set<string>();
  const scores = req.scores.map((s, i) => {
    const userId = s.userId ?? s.submittedBy ?? '';
    if (!userId) problems.push({ path: `/scores/${i}/userId`, message: 'required' });
    else if (seen.has(userId))
      problems.push({ path: `/scores/${i}/userId`, message: `${userId} scored twice` });
    seen.add(userId);
    problems.push(...sheetProblems(sheet, s.data, `/scores/${i}/data`));
    return { userId, leader: s.leader ?? leaders.has(userId), data: s.data };
  });
  if (problems.length) throw new InvalidScoresError(`score sheets do not fit ${sheet.id}`, problems);
  return scorePanel(sheet, scores, `${table.label} ${sheet.id}`);
}
