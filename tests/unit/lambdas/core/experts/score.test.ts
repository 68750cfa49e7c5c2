import { describe, expect, it } from 'vitest';
import {
  aggregate,
  scoreFromPayload,
  scorePanel,
  sheetProblems,
} from '../../../../../lambdas/core/experts/score';
import { copyOf, emptyDb, starter } from '../reference/starter';

const sheets = starter('score-sheets').content.sheets;
const acceptance = sheets.find((s) => s.id === 'acceptance')!;
const guangdong = sheets.find((s) => s.id === 'acceptance-guangdong')!;

/** An acceptance sheet's data worth `points` items (the five items scaled) plus `bonus`. */
function sheet(items: [number, number, number, number, number], extra: Record<string, unknown> = {}) {
  const [report, implementation, results, targets, continuous] = items;
  return { items: { report, implementation, results, targets, continuous }, vetoes: {}, ...extra };
}

describe('aggregate', () => {
  it('takes the mean, the trimmed mean or the median', () => {
    expect(aggregate([70, 80, 90, 100], 'mean', 1)).toBe(85);
    expect(aggregate([60, 80, 90, 100, 100], 'trimmed-mean', 1)).toBeCloseTo(90, 10);
    expect(aggregate([60, 80, 90], 'median', 0)).toBe(80);
    expect(aggregate([60, 80, 90, 100], 'median', 0)).toBe(85);
    expect(aggregate([60, 80], 'trimmed-mean', 1)).toBe(70); // too few sheets to trim: the mean
  });
});

describe('scorePanel', () => {
  it('adds items and bonus per expert, averages, grades and returns the leader’s conclusion', () => {
    const out = scorePanel(
      acceptance,
      [
        {
          userId: 'u1',
          leader: true,
          data: sheet([9, 27, 26, 13, 12], { bonus: { outstanding: 4 }, conclusion: '同意通过验收' }),
        },
        { userId: 'u2', leader: false, data: sheet([8, 25, 24, 12, 11]) },
        { userId: 'u3', leader: false, data: sheet([9, 26, 25, 13, 13]) },
      ],
      'score-sheets@0 acceptance',
    );
    expect(out.perExpert.map((e) => e.total)).toEqual([91, 80, 86]);
    expect(out.total).toBe(85.7); // (91 + 80 + 86) / 3 = 85.67, one decimal
    expect(out).toMatchObject({
      passed: true,
      grade: 'good',
      vetoed: [],
      passLine: 70,
      leaderId: 'u1',
      leaderConclusion: '同意通过验收',
    });
  });

  it('fails a panel whose majority marks a veto item, whatever the score', () => {
    const veto = { vetoes: { 'phase-out': true } };
    const out = scorePanel(
      acceptance,
      [
        { userId: 'u1', leader: true, data: sheet([10, 30, 30, 15, 15], veto) },
        { userId: 'u2', leader: false, data: sheet([10, 30, 30, 15, 15], veto) },
        { userId: 'u3', leader: false, data: sheet([10, 30, 30, 15, 15]) },
      ],
      'x',
    );
    expect(out).toMatchObject({ total: 100, vetoed: ['phase-out'], passed: false, grade: 'fail' });
  });

  it('counts a veto by any expert, the majority or the leader, as the sheet says', () => {
    const one = [
      { userId: 'u1', leader: false, data: sheet([10, 30, 30, 15, 15], { vetoes: { commitment: true } }) },
      { userId: 'u2', leader: true, data: sheet([10, 30, 30, 15, 15]) },
      { userId: 'u3', leader: false, data: sheet([10, 30, 30, 15, 15]) },
    ];
    const rule = (value: 'any' | 'majority' | 'leader') => ({
      ...acceptance,
      vetoRule: { value, source: 't' },
    });
    expect(scorePanel(rule('any'), one, 'x').vetoed).toEqual(['commitment']);
    expect(scorePanel(rule('majority'), one, 'x').vetoed).toEqual([]);
    expect(scorePanel(rule('leader'), one, 'x').vetoed).toEqual([]);
  });

  it('applies the Guangdong nomination line of 80 with a trimmed mean', () => {
    const data = (t: [number, number, number, number, number]) => ({
      items: { report: t[0], implementation: t[1], results: t[2], targets: t[3], continuous: t[4] },
    });
    const out = scorePanel(
      guangdong,
      [
        { userId: 'a', leader: true, data: data([9, 26, 25, 13, 12]) }, // 85
        { userId: 'b', leader: false, data: data([5, 15, 15, 10, 10]) }, // 55, dropped
        { userId: 'c', leader: false, data: data([8, 24, 24, 12, 11]) }, // 79
        { userId: 'd', leader: false, data: data([10, 29, 29, 15, 14]) }, // 97, dropped
        { userId: 'e', leader: false, data: data([8, 25, 24, 12, 12]) }, // 81
      ],
      'x',
    );
    expect(out.total).toBe(81.7);
    expect(out).toMatchObject({ passed: true, passLine: 80, grade: 'pass', aggregation: 'trimmed-mean' });
  });

  it('grades by the configured bands', () => {
    const bands = copyOf('score-sheets').sheets.find((s) => s.id === 'quick')!;
    const at = (points: number) =>
      scorePanel(
        bands,
        [{ userId: 'u', leader: true, data: { items: { checklist: points, options: 30, results: 30 } } }],
        'x',
      ).grade;
    expect(at(40)).toBe('excellent');
    expect(at(25)).toBe('good');
    expect(at(15)).toBe('pass');
    expect(at(5)).toBe('fail');
  });
});

describe('sheetProblems', () => {
  it('names missing items, points out of range and unknown keys', () => {
    const problems = sheetProblems(
      acceptance,
      {
        items: { report: 11, implementation: 20, results: 20, targets: 10, extra: 1 },
        bonus: { outstanding: 20 },
        vetoes: { nope: true },
      },
      '/scores/0/data',
    );
    expect(problems).toEqual([
      { path: '/scores/0/data/items/report', message: 'between 0 and 10' },
      { path: '/scores/0/data/items/continuous', message: 'missing' },
      { path: '/scores/0/data/items/extra', message: 'not an item of acceptance' },
      { path: '/scores/0/data/bonus/outstanding', message: 'between 0 and 10' },
      { path: '/scores/0/data/vetoes/nope', message: 'not a veto item of acceptance' },
    ]);
  });
});

describe('scoreFromPayload', () => {
  const ports = { db: emptyDb };

  it('takes human-step results as they are, and the leader from the panel', async () => {
    const out = await scoreFromPayload(ports, {
      caseId: 'case_x',
      sheet: 'acceptance',
      scores: [
        {
          submissionId: 's1',
          formId: 'f',
          submittedBy: 'u1',
          data: sheet([9, 27, 26, 13, 12], { conclusion: '通过' }),
        },
        { submissionId: 's2', formId: 'f', submittedBy: 'u2', data: sheet([8, 25, 24, 12, 11]) },
        { submissionId: 's3', formId: 'f', submittedBy: 'u3', data: sheet([9, 26, 25, 13, 13]) },
      ],
      panel: {
        drawId: 'd',
        panel: [
          { userId: 'u1', leader: true },
          { userId: 'u2', leader: false },
          { userId: 'u3', leader: false },
        ],
      },
    });
    expect(out).toMatchObject({
      leaderId: 'u1',
      leaderConclusion: '通过',
      sheet: 'score-sheets@0 acceptance',
      passed: true,
    });
  });

  it('refuses an unknown sheet and data that does not fit as Score.InvalidSheet', async () => {
    await expect(
      scoreFromPayload(ports, { sheet: 'nope', scores: [{ userId: 'u', data: { items: {} } }] }),
    ).rejects.toMatchObject({
      name: 'Score.InvalidSheet',
    });
    await expect(
      scoreFromPayload(ports, {
        sheet: 'quick',
        scores: [
          { userId: 'u', data: { items: { checklist: 41, options: 1, results: 1 } } },
          { userId: 'u', data: { items: { checklist: 1, options: 1, results: 1 } } },
        ],
      }),
    ).rejects.toMatchObject({
      name: 'Score.InvalidSheet',
      details: [{ path: '/scores/0/data/items/checklist' }, { path: '/scores/1/userId' }],
    });
  });
});
