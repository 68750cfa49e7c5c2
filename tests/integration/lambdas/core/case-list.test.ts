/**
 * The administrators' case list on the embedded DynamoDB: pages of a filtered list follow one another without
 * losing or repeating a case (a filtered query reads ahead and resumes after the last case it kept), and the
 * list shows what lists need, not the chain head.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCases } from '../../../../lambdas/core/cases/cases';
import type { Case } from '../../../../lambdas/core/cases/model';
import { caseToItem } from '../../../../lambdas/core/cases/model';
import type { Actor } from '../../../../lambdas/core/identity/actor';
import type { TestStack } from '../../../support/stack';
import { startStack } from '../../../support/stack';

let stack: TestStack;
const admin: Actor = {
  userId: 'usr_admin0001',
  username: 'admin',
  role: 'admin',
  organisationId: 'org_platform1',
  regionPath: '86/',
};
const INDUSTRIES = ['C3360', 'C2614', 'D4411', 'C3389', 'B0610'];

const aCase = (i: number): Case => ({
  id: `case_list${String(i).padStart(6, '0')}`,
  programmeId: i % 2 ? 'audit-quick' : 'audit-full',
  programmeTitle: { zh: '审核', en: 'Audit' },
  kind: 'audit',
  workflowId: 'audit-quick',
  workflowVersion: 1,
  versionArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:x:1',
  organisationId: `org_list${String(i % 7).padStart(6, '0')}`,
  organisationName: '企业',
  regionPath: '86/440000/440100/440106/',
  district: '440106',
  industryCode: INDUSTRIES[i % INDUSTRIES.length]!,
  status: 'running',
  currentSteps: {},
  startedBy: 'usr_x',
  createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  updatedAt: '2026-02-01T00:00:00.000Z',
  lastSeq: 3,
  lastHash: 'a'.repeat(64),
});

beforeAll(async () => {
  stack = await startStack();
  const items = Array.from({ length: 230 }, (_, i) => caseToItem(aCase(i)));
  for (let i = 0; i < items.length; i += 25)
    await stack.runtime.deps.db.batchWrite({ puts: items.slice(i, i + 25) });
});
afterAll(async () => stack?.close());

async function walk(q: { industry?: string; programmeId?: string }, limit: number) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listCases(stack.runtime.deps, admin, { ...q, limit, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((c) => c.id));
    expect(page.items.length).toBeLessThanOrEqual(limit);
    cursor = page.cursor;
    pages++;
  } while (cursor && pages < 100);
  return ids;
}

describe('listCases for administrators', () => {
  it('pages a filtered list to the end, every matching case once, newest first', async () => {
    // Prepare: C33 matches 2 industries of 5 → 92 of 230
    const expected = Array.from({ length: 230 }, (_, i) => aCase(i))
      .filter((c) => c.industryCode!.startsWith('C33'))
      .map((c) => c.id)
      .reverse();
    // Act
    const ids = await walk({ industry: 'C33' }, 10);
    // Assess
    expect(ids).toEqual(expected);
  });

  it('pages an unfiltered list the same way', async () => {
    const ids = await walk({}, 50);
    expect(ids).toHaveLength(230);
    expect(new Set(ids).size).toBe(230);
  });

  it('shows the list attributes, without the chain head', async () => {
    const [first] = (await listCases(stack.runtime.deps, admin, { limit: 1 })).items;
    expect(first).toMatchObject({ id: 'case_list000229', industryCode: 'B0610', workflowVersion: 1 });
    expect(first).not.toHaveProperty('lastHash');
    expect(first).not.toHaveProperty('versionArn');
  });
});
