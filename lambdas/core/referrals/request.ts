/**
 * The enterprise's financing request (融资需求) and its consent (授权): one item per green-credit case
 * (`FINREQ#<caseId>` / `FINREQ`, listed by GSI1 `FINREQORG#<orgId>`). `cp-bank-referral` records the request and its
 * matches (`match`), then the consent naming which banks may receive which parts of the package (`consent`). The
 * consent is also an event in the case's hash chain, so who agreed to what, and when, cannot be rewritten.
 */
import { z } from 'zod';
import { hashOf } from '../canonical';
import { getCase, findCase } from '../cases/cases';
import { appendOnce } from './events';
import { appendEvents } from '../cases/events';
import type { Case } from '../cases/model';
import { onConditionFailed } from '../db/errors';
import type { Item } from '../db/port';
import { ConflictError, NotFoundError } from '../errors';
import { getOrganisation } from '../identity/organisations';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import { issuesToDetails } from '../reference/errors';
import { getTable } from '../reference/store';
import { findResults } from '../results/results';
import { allProducts } from './banks';
import { ReferralRequestError } from './errors';
import type { Match } from './matching';
import { matchProducts } from './matching';
import type { Scope } from './policy-table';
import { SCOPES } from './policy-table';

export const RequestData = z.looseObject({
  auditCaseId: z.string().min(1),
  amount: z.number().positive(),
  termMonths: z.number().int().min(1).max(360),
  categories: z.array(z.string().min(1)).min(1),
  purposeOptionIds: z.array(z.string().min(1)).min(1),
  purpose: z.string().min(1),
});

export const ConsentData = z.looseObject({
  banks: z
    .array(
      z.looseObject({
        bankId: z.string().min(1),
        productId: z.string().min(1),
        scopes: z.array(z.enum(SCOPES)).min(1),
      }),
    )
    .min(1),
  agreed: z.literal(true),
  signedBy: z.string().min(1),
});

export interface ConsentBank {
  bankId: string;
  bankName: string;
  productId: string;
  productName: string;
  scopes: Scope[];
  withdrawnAt?: string;
}

export interface Consent {
  banks: ConsentBank[];
  signedBy: string;
  givenAt: string;
  givenBy: string;
  status: 'given' | 'withdrawn';
  withdrawnAt?: string;
  withdrawnBy?: string;
  reason?: string;
}

export interface FinancingRequest {
  caseId: string;
  organisationId: string;
  organisationName: string;
  regionPath: string;
  industryCode: string;
  auditCaseId: string;
  certificateId?: string;
  amount: number;
  termMonths: number;
  categories: string[];
  purposeOptionIds: string[];
  purpose: string;
  matches: Match[];
  requestHash: string;
  consent?: Consent;
  createdAt: string;
  updatedAt: string;
}

export interface Sla {
  answerDays: number;
  answerTimeoutSeconds: number;
  infoDays: number;
  infoTimeoutSeconds: number;
}

export const requestKey = (caseId: string) => ({ PK: `FINREQ#${caseId}`, SK: 'FINREQ' });

const requestToItem = (r: FinancingRequest): Item => ({
  ...requestKey(r.caseId),
  type: 'financing-request',
  ...r,
  GSI1PK: `FINREQORG#${r.organisationId}`,
  GSI1SK: `${r.createdAt}#${r.caseId}`,
});

export function requestFromItem(item: Item): FinancingRequest {
  const { PK: _a, SK: _b, type: _t, GSI1PK: _c, GSI1SK: _d, ...rest } = item;
  return rest as unknown as FinancingRequest;
}

export async function findRequest(
  ports: Pick<Ports, 'db'>,
  caseId: string,
): Promise<FinancingRequest | undefined> {
  const item = await ports.db.get({ Key: requestKey(caseId), ConsistentRead: true });
  return item ? requestFromItem(item) : undefined;
}

export async function getRequest(ports: Pick<Ports, 'db'>, caseId: string): Promise<FinancingRequest> {
  const r = await findRequest(ports, caseId);
  if (!r) throw new NotFoundError('financing request', caseId);
  return r;
}

/** The bank's consent entry while it holds (given and not withdrawn), else undefined. */
export function consentFor(r: FinancingRequest, bankId: string): ConsentBank | undefined {
  const entry = r.consent?.banks.find((b) => b.bankId === bankId);
  return entry && !entry.withdrawnAt ? entry : undefined;
}

export async function slaOf(ports: Pick<Ports, 'db'>): Promise<Sla> {
  const { content: p } = await getTable(ports, 'referral-policy');
  return {
    answerDays: p.answerDays.value,
    answerTimeoutSeconds: p.answerTimeoutDays.value * 86_400,
    infoDays: p.infoDays.value,
    infoTimeoutSeconds: p.infoTimeoutDays.value * 86_400,
  };
}

const invalid = (error: z.ZodError, prefix: string) =>
  new ReferralRequestError('the request is incomplete', issuesToDetails(error.issues, prefix));

/** The mid/high-cost options of the audit case, checked against what the request asks to finance. */
async function checkSource(ports: Pick<Ports, 'db'>, c: Case, data: z.infer<typeof RequestData>) {
  const audit = await findCase(ports, data.auditCaseId);
  if (!audit || audit.organisationId !== c.organisationId)
    throw new ReferralRequestError('not an audit of this enterprise', [
      { path: '/request/auditCaseId', message: 'unknown audit case' },
    ]);
  const results = await findResults(ports, audit.id);
  const options = Array.isArray(results?.options) ? (results.options as { id: string; cost: string }[]) : [];
  const problems = data.purposeOptionIds.flatMap((id, i) => {
    const o = options.find((x) => x.id === id);
    if (!o)
      return [
        { path: `/request/purposeOptionIds/${i}`, message: `option ${id} is not in the audit's results` },
      ];
    if (o.cost !== 'mid-high')
      return [{ path: `/request/purposeOptionIds/${i}`, message: `option ${id} is not mid/high-cost` }];
    return [];
  });
  if (problems.length)
    throw new ReferralRequestError(
      'the options to finance must be appraised mid/high-cost options',
      problems,
    );
  const certificate = results?.certificate as { certificateId?: string } | undefined;
  return { audit, certificateId: certificate?.certificateId };
}

/**
 * `cp-bank-referral` `match`: records the request and the products that fit it.
 * @example await recordRequest(ports, { caseId, request: { auditCaseId, amount: 300, termMonths: 36, categories: ['energy-saving'], purposeOptionIds: ['F01'], purpose: '…' } })
 * // { count: 2, matches: [...], sla: {...} }
 */
export async function recordRequest(ports: Ports, payload: { caseId: string; request: unknown }) {
  const parsed = RequestData.safeParse(payload.request);
  if (!parsed.success) throw invalid(parsed.error, '/request');
  const data = parsed.data;
  const c = await getCase(ports, payload.caseId);
  const [{ certificateId }, org, policy, products] = await Promise.all([
    checkSource(ports, c, data),
    getOrganisation(ports, c.organisationId),
    getTable(ports, 'referral-policy'),
    allProducts(ports),
  ]);
  const known = new Set(policy.content.categories.map((x) => x.id));
  const unknown = data.categories.findIndex((x) => !known.has(x));
  if (unknown >= 0)
    throw new ReferralRequestError('unknown category', [
      { path: `/request/categories/${unknown}`, message: 'not a referral-policy category' },
    ]);
  const existing = await findRequest(ports, c.id);
  if (existing?.consent) throw new ConflictError('CONSENT_GIVEN', 'consent was given: the request is final');
  const industryCode = org.profile.industryCode ?? c.industryCode ?? '';
  const banks = new Map<string, boolean>();
  for (const p of products)
    if (!banks.has(p.bankId))
      banks.set(
        p.bankId,
        (await getOrganisation(ports, p.bankId).catch(() => undefined))?.status === 'active',
      );
  const { matches } = matchProducts(
    products.filter((p) => banks.get(p.bankId)),
    {
      amount: data.amount,
      termMonths: data.termMonths,
      categories: data.categories,
      regionPath: c.regionPath,
      industryCode,
    },
  );
  const now = isoTime(ports.clock.now());
  const requestHash = await hashOf({ data, matches });
  const request: FinancingRequest = {
    caseId: c.id,
    organisationId: c.organisationId,
    organisationName: c.organisationName,
    regionPath: c.regionPath,
    industryCode,
    auditCaseId: data.auditCaseId,
    ...(certificateId ? { certificateId } : {}),
    amount: data.amount,
    termMonths: data.termMonths,
    categories: data.categories,
    purposeOptionIds: data.purposeOptionIds,
    purpose: data.purpose,
    matches,
    requestHash,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await onConditionFailed(
    ports.db.put({ Item: requestToItem(request), ConditionExpression: 'attribute_not_exists(consent)' }),
    () => new ConflictError('CONSENT_GIVEN', 'consent was given: the request is final'),
  );
  if (existing?.requestHash !== requestHash) {
    await appendEvents(ports, c.id, [
      {
        kind: 'financing.requested',
        actor: { userId: 'workflow', role: 'system' },
        summary: `融资需求：${data.amount} 万元，${data.termMonths} 个月；匹配 ${matches.length} 个绿色信贷产品`,
        data: {
          amount: data.amount,
          termMonths: data.termMonths,
          matches: matches.map((m) => `${m.bankId}/${m.productId}`),
        },
      },
    ]);
  }
  return {
    count: matches.length,
    matches,
    scopes: policy.content.scopes.map(({ id, title, description, required }) => ({
      id,
      title,
      description,
      required,
    })),
    sla: await slaOf(ports),
  };
}

/**
 * `cp-bank-referral` `consent`: records which banks may receive which parts of the package. Only matched banks;
 * every bank gets the required scopes. A repeated invocation with the same consent returns the same answer.
 * @example await recordConsent(ports, { caseId, consent: { banks: [{ bankId, productId, scopes: ['profile', 'options'] }], agreed: true, signedBy: '张经理' }, submittedBy: 'usr_…' })
 */
export async function recordConsent(
  ports: Ports,
  payload: { caseId: string; consent: unknown; submittedBy?: string },
) {
  const parsed = ConsentData.safeParse(payload.consent);
  if (!parsed.success) throw invalid(parsed.error, '/consent');
  const data = parsed.data;
  const r = await getRequest(ports, payload.caseId);
  const { content: policy } = await getTable(ports, 'referral-policy');
  const required = policy.scopes.filter((s) => s.required).map((s) => s.id);
  const problems: { path: string; message: string }[] = [];
  const banks: ConsentBank[] = [];
  data.banks.forEach((b, i) => {
    const m = r.matches.find((x) => x.bankId === b.bankId && x.productId === b.productId);
    if (!m)
      problems.push({ path: `/consent/banks/${i}`, message: `${b.bankId}/${b.productId} was not matched` });
    else if (banks.some((x) => x.bankId === b.bankId))
      problems.push({ path: `/consent/banks/${i}/bankId`, message: 'one product per bank' });
    const missing = required.filter((s) => !b.scopes.includes(s));
    if (missing.length)
      problems.push({ path: `/consent/banks/${i}/scopes`, message: `required: ${missing.join(', ')}` });
    if (m)
      banks.push({
        bankId: b.bankId,
        bankName: m.bankName,
        productId: b.productId,
        productName: m.productName,
        scopes: [...new Set(b.scopes)],
      });
  });
  if (problems.length)
    throw new ReferralRequestError(
      'the consent names what was not matched or leaves out a required scope',
      problems,
    );
  const sla = await slaOf(ports);
  const answer = {
    banks: banks.map(({ bankId, bankName, productId, productName }) => ({
      bankId,
      bankName,
      productId,
      productName,
    })),
    sla,
  };
  let consent = r.consent;
  if (consent) {
    if (consent.status !== 'given' || (await hashOf(consent.banks)) !== (await hashOf(banks)))
      throw new ConflictError('CONSENT_GIVEN', 'consent was recorded already');
  } else {
    consent = {
      banks,
      signedBy: data.signedBy,
      givenAt: isoTime(ports.clock.now()),
      givenBy: payload.submittedBy ?? 'unknown',
      status: 'given',
    };
    await onConditionFailed(
      ports.db.update({
        Key: requestKey(r.caseId),
        UpdateExpression: 'SET consent = :c, updatedAt = :u',
        ConditionExpression: 'attribute_not_exists(consent)',
        ExpressionAttributeValues: { ':c': consent, ':u': consent.givenAt },
        ReturnValues: 'NONE',
      }),
      () => new ConflictError('CONSENT_GIVEN', 'consent was recorded already'),
    );
  }
  await appendOnce(ports, r.caseId, 'consentRecordedAt', {
    kind: 'consent.given',
    actor: { userId: consent.givenBy, role: 'enterprise', name: consent.signedBy },
    summary: `授权向 ${banks.map((b) => b.bankName).join('、')} 推送融资资料`,
    data: { banks: banks.map(({ bankId, productId, scopes }) => ({ bankId, productId, scopes })) },
  });
  return answer;
}
