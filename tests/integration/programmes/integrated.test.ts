/**
 * audit-integrated, end to end through the HTTP API: the Guangzhou authority leads a park audit listing two member
 * enterprises; a Map opens a member case per enterprise (programme audit-member, each on the member's own
 * organisation, each showing its parent), each member fills its checklist; the authority does the park-level
 * analysis and the report; the `integrated` panel reviews; after publication every member gets an
 * audit-completion record (a certificate on its own case) that anyone can verify.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../../support/stack';
import { catalogueStack, Driver, formsOf } from './support';

let stack: TestStack;
beforeAll(async () => {
  stack = await catalogueStack();
});
afterAll(async () => stack?.close());

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
