/**
 * What every test that drives the starter programmes through the HTTP API shares — the in-process integration
 * tests (tests/integration/programmes, lifecycle) and the crash soak against `npm start` (tests/soak): who acts on
 * an open step (the user its assignee names, the enterprise's or bank's user, the region's administrator), which
 * consultancy drafts for an enterprise, and the filings that route the printing enterprise (白云印刷, C2319, no
 * mandatory trigger) to the quick or the special audit.
 */
import { DEMO_AUTHORISATIONS, DEMO_USERS } from '../../local/demo';

export interface StepAssignee {
  role: string;
  organisationId?: string;
  userIds?: string[];
}

/** The demo username of a user id. */
export const usernameOf = (userId: string) => DEMO_USERS.find((u) => u.id === userId)?.username;

/** The demo user of an organisation (enterprises and banks have one each). */
export const organisationUser = (orgId: string) =>
  DEMO_USERS.find((u) => u.organisationId === orgId)?.username;

/** The user of the consultancy an enterprise authorised (it drafts; the enterprise submits), if any. */
export const consultantFor = (orgId: string) => {
  const pair = DEMO_AUTHORISATIONS.find(([enterprise]) => enterprise === orgId);
  return pair ? organisationUser(pair[1]) : undefined;
};

/**
 * Who acts on a step of a case of `caseOrganisationId`: the named user, the user of the named organisation (an
 * enterprise or a bank), the case's enterprise, or the region's administrator (`admin`, Guangzhou's by default).
 */
export function actorFor(a: StepAssignee, caseOrganisationId: string, admin = 'gz.admin'): string {
  if (a.userIds?.length) {
    const u = usernameOf(a.userIds[0]!);
    if (u) return u;
  }
  if (a.role === 'admin') return admin;
  const org = a.organisationId ?? (a.role === 'enterprise' ? caseOrganisationId : undefined);
  const u = org ? organisationUser(org) : undefined;
  if (u) return u;
  throw new Error(`no demo user for ${JSON.stringify(a)}`);
}

export interface SpecialFocus {
  type: string;
  detail: string;
  reason: string;
}

/** The special audit's focus the printing enterprise files: VOCs. */
export const VOCS_FOCUS: SpecialFocus = {
  type: 'air-pollutant',
  detail: 'VOCs',
  reason: 'VOCs 重点排放单位，溶剂型油墨用量大',
};

/**
 * The audit-round filing example, made the printing enterprise's: no trigger, no consultancy — routed to the quick
 * audit, or to the special audit with a focus.
 */
export function baiyunFiling(example: any, specialFocus?: SpecialFocus) {
  const triggers = Object.fromEntries(
    Object.entries(example.triggers).map(([k, v]) => [k, typeof v === 'boolean' ? false : v]),
  );
  delete triggers.toxicDetail;
  delete triggers.keyMonitoringLists;
  return {
    ...example,
    enterprise: {
      ...example.enterprise,
      name: '广州白云印刷包装有限公司',
      creditCode: '91440111MA5CKL7Q2D',
      industryCode: 'C2319',
      regionCode: '440111100',
      size: 'small',
      legalRepresentative: '黄伟',
      address: '广州市白云区钟落潭镇工业路 8 号',
      mainProducts: '食品软包装凹版印刷、复合，年产 6,000 t',
    },
    contacts: [{ name: '张经理', title: '生产经理', phone: '020-87400002', email: 'zhang@bybz.example.cn' }],
    triggers,
    ...(specialFocus ? { specialFocus } : {}),
    consultancy: { authorised: false },
    permit: {
      managementType: 'simplified',
      permitNumber: '91440111MA5CKL7Q2D001Q',
      validUntil: '2027-12-31',
    },
    declaration: { ...example.declaration, signedBy: '张经理' },
  };
}

/** The green-credit request of the lifecycle test: CNY 1.5 million over 36 months for the quick audit's option F06. */
export function financingRequest(auditCaseId: string) {
  return {
    auditCaseId,
    amount: 150,
    termMonths: 36,
    categories: ['energy-saving', 'clean-production'],
    purposeOptionIds: ['F06'],
    purpose: '漂洗水三级逆流与离子交换回用改造',
    contact: { name: '张经理', phone: '020-87400002' },
  };
}
