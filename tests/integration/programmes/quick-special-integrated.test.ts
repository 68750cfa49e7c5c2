/**
 * audit-round → audit-quick and → audit-special, end to end through the HTTP API, for the printing enterprise
 * (C2319, no mandatory trigger): with no trigger the rules route it to the quick audit — the industrial status-survey
 * checklist picked by cp-classify's sector, options for every non-compliance, the report, the smaller `quick`
 * panel, publication and the certificate; with a VOCs focus they route it to the special audit — focus, balance,
 * causes and options for VOCs only, the `special` panel, publication and the certificate.
 *
 * Then the integrated audit: the Guangzhou authority leads a park audit listing two member enterprises; a Map opens a member case per enterprise (programme audit-member, each on the member's own
 * organisation, each showing its parent), each member fills its checklist; the authority does the park-level
 * analysis and the report; the `integrated` panel reviews; after publication every member gets an
 * audit-completion record (a certificate on its own case) that anyone can verify.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baiyunFiling, VOCS_FOCUS } from '../../support/programme-steps';
import type { TestStack } from '../../support/stack';
import { catalogueStack, Driver, formsOf } from './support';

let stack: TestStack;
beforeAll(async () => {
  stack = await catalogueStack();
});
afterAll(async () => stack?.close());

async function runRound(data: (formId: string, example: any) => any) {
  const started = await stack.call('baiyun', 'POST', '/api/cases', {
    programmeId: 'audit-round',
    data: { publicationSeconds: 1 },
  });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const root = started.body.id as string;
  const d = new Driver(stack);
  await d.run(
    () => [root, `${root}quick`, `${root}special`],
    async () => (await d.getCase(root))?.status !== 'running',
    ({ formId, example }) => data(formId, example),
    120_000,
  );
  return { root, d, round: await d.status(root, ['completed']) };
}

async function verifyCertificate(number: string) {
  const verify = await stack.call(null, 'GET', `/api/certificates/verify/${number}`);
  expect(verify.status).toBe(200);
  expect(verify.body).toMatchObject({ number, holderName: '广州白云印刷包装有限公司', status: 'valid' });
}

describe('audit-round → quick audit', () => {
  it('routes an enterprise without triggers to the quick audit and runs it to the certificate', async () => {
    const { root, d, round } = await runRound((formId, example) =>
      formId === 'filing' ? baiyunFiling(example) : undefined,
    );
    const quick = `${root}quick`;
    expect(round.result.route).toBe('quick');
    expect(formsOf(d.done, root)).toEqual(['filing', 'routing-override', 'routing-notice']);
    const audit = await d.status(quick, ['completed']);
    expect(audit.parentCaseId).toBe(root);
    const forms = formsOf(d.done, quick);
    // the industrial checklist (C2319 → industrial), options, report, formal check, 3 experts, publication
    expect(forms.slice(0, 4)).toEqual([
      'quick-checklist-industrial',
      'quick-options',
      'report-submission',
      'report-formal-check',
    ]);
    const scorers = d.done.filter((x) => x.caseId === quick && x.formId === 'quick-score-sheet');
    expect(scorers).toHaveLength(3);
    expect(scorers.every((x) => x.role === 'expert' && x.username.startsWith('expert.'))).toBe(true);
    expect(d.done.filter((x) => x.role === 'enterprise').every((x) => x.username === 'baiyun')).toBe(true);
    expect(forms[forms.length - 1]).toBe('publication-result');
    expect(audit.result.review.total).toBeGreaterThanOrEqual(70);
    await verifyCertificate(audit.result.certificate.number);
  });
});

describe('audit-round → special audit', () => {
  it('routes a VOCs focus to the special audit and runs it to the certificate', async () => {
    const focus = VOCS_FOCUS;
    const { root, d, round } = await runRound((formId, example) =>
      formId === 'filing' ? baiyunFiling(example, focus) : undefined,
    );
    const special = `${root}special`;
    expect(round.result.route).toBe('special');
    const audit = await d.status(special, ['completed']);
    expect(audit.parentCaseId).toBe(root);
    const forms = formsOf(d.done, special);
    expect(forms.slice(0, 4)).toEqual([
      'special-focus',
      'special-analysis',
      'report-submission',
      'report-formal-check',
    ]);
    expect(d.done.filter((x) => x.caseId === special && x.formId === 'evaluation-score-sheet')).toHaveLength(
      3,
    );
    expect(audit.result.route).toBe('special');
    expect(audit.result.focus).toBe('air-pollutant');
    await verifyCertificate(audit.result.certificate.number);
  });
});

describe('integrated audit', () => {
  it('opens a member case per enterprise and gives every member a completion record', async () => {
    const started = await stack.call('gz.admin', 'POST', '/api/cases', {
      programmeId: 'audit-integrated',
      data: { publicationSeconds: 1 },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const park = started.body.id as string;
    const members = [`${park}m0`, `${park}m1`];
    const d = new Driver(stack);
    await d.run(
      () => [park, ...members],
      async () => (await d.getCase(park))?.status !== 'running',
      () => undefined,
      120_000,
    );
    const done = await d.status(park, ['completed']);

    // the lead (the authority) lists the members; each member fills its own checklist in its own case
    expect(formsOf(d.done, park)[0]).toBe('integrated-project');
    const memberCases = await Promise.all(members.map((id) => d.status(id, ['completed'])));
    expect(memberCases.map((c) => [c.programmeId, c.organisationId, c.parentCaseId])).toEqual([
      ['audit-member', 'org_mzdd00001', park],
      ['audit-member', 'org_bybz00001', park],
    ]);
    expect(d.done.filter((x) => x.formId === 'member-checklist').map((x) => [x.caseId, x.username])).toEqual(
      expect.arrayContaining([
        [members[0], 'mingzhu'],
        [members[1], 'baiyun'],
      ]),
    );
    // 明珠's consultancy drafts its member checklist; 白云 has none
    expect(d.done.find((x) => x.caseId === members[0])?.drafter).toBe('lvyuan');
    expect(formsOf(d.done, park)).toEqual(
      expect.arrayContaining([
        'integrated-analysis',
        'report-submission',
        'report-formal-check',
        'publication-result',
      ]),
    );
    expect(d.done.filter((x) => x.caseId === park && x.formId === 'evaluation-score-sheet')).toHaveLength(5);
    expect(
      d.done.filter((x) => x.caseId === park && x.role === 'admin').every((x) => x.username === 'gz.admin'),
    ).toBe(true);

    // every member: a completion record on its own case, verifiable by number, listed for the holder
    const records = done.result.records as { caseId: string; organisationId: string; number: string }[];
    expect(records.map((r) => r.caseId).sort()).toEqual([...members].sort());
    const holders: Record<string, [string, string]> = {
      org_mzdd00001: ['广州明珠电镀有限公司', 'mingzhu'],
      org_bybz00001: ['广州白云印刷包装有限公司', 'baiyun'],
    };
    for (const r of records) {
      const [holderName, username] = holders[r.organisationId]!;
      const verify = await stack.call(null, 'GET', `/api/certificates/verify/${r.number}`);
      expect(verify.status).toBe(200);
      expect(verify.body).toMatchObject({ number: r.number, holderName, status: 'valid' });
      const mine = await stack.call(username, 'GET', '/api/certificates');
      expect(mine.body.items.map((c: any) => c.number)).toContain(r.number);
    }
    expect(done.result.performance.tce.equivalent).toBeGreaterThan(0);
  });
});
