/**
 * The soak's cases: one kind per path through the starter catalogue, each started by the role that starts it and
 * answered step by step the way the integration tests answer it (tests/integration/programmes and lifecycle), with
 * the human steps — and therefore the tasks, submissions and notifications — that path implies.
 */
import { baiyunFiling, financingRequest, VOCS_FOCUS } from '../support/programme-steps';

export type Kind = 'full' | 'quick' | 'special' | 'integrated' | 'incentive' | 'green-credit' | 'renewal';

/** Cases per kind in every hundred (the integration tests' paths, weighted towards the common ones). */
export const MIX: Record<Kind, number> = {
  quick: 34,
  special: 14,
  full: 8,
  integrated: 8,
  incentive: 14,
  'green-credit': 12,
  renewal: 10,
};

/** Human steps (tasks opened, then submitted) per programme on the soak's paths. */
export const TASKS_PER_CASE: Record<string, number> = {
  'audit-round': 3, // filing, routing review, routing notice
  'audit-quick': 11, // checklist, options, report, formal check, 3 invitations, 3 score sheets, publication
  'audit-special': 11, // focus, analysis, report, formal check, 3 + 3, publication
  'audit-full': 32, // 8 phases, report, formal check, 5 + 5, mid/high options, 5 + 5, publication
  'audit-integrated': 15, // project, park analysis, report, formal check, 5 + 5, publication
  'audit-member': 1, // the member's checklist
  incentive: 3, // application, review, payment record
  'green-credit': 2, // request, consent
  'green-credit-bank': 1, // the bank's answer
  renewal: 4, // notice, filing, routing review, routing notice (the audit is its child)
};

/** The tasks a scenario's case tree opens in all. */
export const STEPS_PER_KIND: Record<Kind, number> = {
  quick: 3 + 11,
  special: 3 + 11,
  full: 3 + 32,
  integrated: 15 + 2,
  incentive: 3,
  'green-credit': 2 + 2,
  renewal: 4 + 11,
};

/** What a step is answered with: the form's first example unless the path needs something else. */
export interface StepContext {
  formId: string;
  stateName?: string;
  username: string;
  example: any;
  prefill: any;
  caseId: string;
}

export interface Resource {
  certificateId: string;
  auditCaseId: string;
  validUntil: string;
}

export interface Scenario {
  index: number;
  kind: Kind;
  /** Who starts it, and with what. */
  starter: string;
  programmeId: string;
  startData: () => { organisationId?: string; data: Record<string, unknown> };
  /** A certificate it needs (incentive, green credit), taken from the quick audits that finished. */
  needs?: 'incentive' | 'green-credit';
  resource?: Resource & { ruleId?: string };
  answer: (s: StepContext) => unknown;
  rootId?: string;
  status: 'queued' | 'parked' | 'running' | 'done' | 'failed';
  finalStatus?: string;
  result?: any;
  startedAt?: number;
  endedAt?: number;
  problems: string[];
}

const BAIYUN = 'org_bybz00001';

/** A deterministic PRNG (mulberry32), so a seed reproduces the same mix, order and kill points. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` kinds in the MIX's proportions (largest remainder), shuffled by `random`. */
export function kindsFor(n: number, random: () => number): Kind[] {
  const entries = Object.entries(MIX) as [Kind, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  const exact = entries.map(([k, w]) => [k, (n * w) / total] as const);
  const counts = new Map(exact.map(([k, x]) => [k, Math.floor(x)]));
  let left = n - [...counts.values()].reduce((s, c) => s + c, 0);
  for (const [k] of [...exact].sort((a, b) => (b[1] % 1) - (a[1] % 1))) {
    if (left-- <= 0) break;
    counts.set(k, counts.get(k)! + 1);
  }
  // every kind at least once when there is room for it
  if (n >= entries.length) {
    for (const [k] of entries) {
      if (counts.get(k)! > 0) continue;
      const [big] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
      counts.set(big, counts.get(big)! - 1);
      counts.set(k, 1);
    }
  }
  const out: Kind[] = [];
  for (const [k, c] of counts) for (let i = 0; i < c; i++) out.push(k);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const plusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export function makeScenario(index: number, kind: Kind): Scenario {
  const base = { index, kind, status: 'queued' as const, problems: [] as string[] };
  const round = (filing: (example: any) => any) => (s: StepContext) =>
    s.formId === 'filing' ? filing(s.example) : undefined;
  switch (kind) {
    case 'quick':
      return {
        ...base,
        starter: 'baiyun',
        programmeId: 'audit-round',
        startData: () => ({ data: { publicationSeconds: 1 } }),
        answer: round((e) => baiyunFiling(e)),
      };
    case 'special':
      return {
        ...base,
        starter: 'baiyun',
        programmeId: 'audit-round',
        startData: () => ({ data: { publicationSeconds: 1 } }),
        answer: round((e) => baiyunFiling(e, VOCS_FOCUS)),
      };
    case 'full':
      // 明珠电镀 (双有, on a mandated list): its own filing example routes it to the full audit; its consultancy
      // drafts every enterprise step
      return {
        ...base,
        starter: 'mingzhu',
        programmeId: 'audit-round',
        startData: () => ({ data: { publicationSeconds: 1 } }),
        answer: () => undefined,
      };
    case 'integrated':
      return {
        ...base,
        starter: 'gz.admin',
        programmeId: 'audit-integrated',
        startData: () => ({ data: { publicationSeconds: 1 } }),
        answer: () => undefined,
      };
    case 'renewal':
      // an administrator opens the renewal round (the sweep opens the others); blank, so the enterprise files anew
      return {
        ...base,
        starter: 'gz.admin',
        programmeId: 'renewal',
        startData: () => ({
          organisationId: BAIYUN,
          data: { notice: {}, filing: {}, renewalOf: {}, publicationSeconds: 1 },
        }),
        answer: (s) => {
          if (s.formId === 'renewal-notice')
            return { continueOptions: [], acknowledged: true, plannedStartOn: plusDays(today(), 14) };
          if (s.formId === 'filing') return baiyunFiling(s.example);
          return undefined;
        },
      };
    case 'incentive': {
      const sc: Scenario = {
        ...base,
        starter: 'baiyun',
        programmeId: 'incentive',
        needs: 'incentive',
        startData: () => {
          const r = sc.resource!;
          return {
            data:
              r.ruleId === 'audit-fee-share'
                ? { certificateId: r.certificateId, ruleId: r.ruleId, auditFee: 120000 }
                : { certificateId: r.certificateId, ruleId: r.ruleId },
          };
        },
        answer: (s) => {
          if (s.formId === 'incentive-application') {
            const data = { ...s.example, ...s.prefill };
            if (sc.resource!.ruleId !== 'audit-fee-share') {
              delete data.auditFee;
              delete data.feeInvoices;
            }
            return data;
          }
          if (s.formId === 'incentive-review')
            return {
              assessment: s.prefill.assessment,
              decision: 'approve',
              approvedAmount: s.prefill.assessment.amount,
              comment: '材料齐全',
            };
          if (s.formId === 'incentive-disbursement')
            return { ...s.prefill, paidOn: today(), voucherNo: `SOAK-${index}` };
          return undefined;
        },
      };
      return sc;
    }
    case 'green-credit': {
      const sc: Scenario = {
        ...base,
        starter: 'baiyun',
        programmeId: 'green-credit',
        needs: 'green-credit',
        startData: () => ({ data: { auditCaseId: sc.resource!.auditCaseId } }),
        answer: (s) => {
          if (s.formId === 'financing-request') return financingRequest(sc.resource!.auditCaseId);
          if (s.formId === 'financing-consent')
            return {
              matches: s.prefill.matches,
              banks: s.prefill.matches.map((m: any) => ({
                bankId: m.bankId,
                productId: m.productId,
                scopes: ['profile', 'certificate', 'options'],
              })),
              agreed: true,
              signedBy: '张经理',
            };
          if (s.formId === 'bank-answer')
            return s.username === 'icbc'
              ? {
                  ...s.prefill,
                  decision: 'approve',
                  amount: 150,
                  ratePct: 3.15,
                  termMonths: 36,
                  conditions: '以改造设备抵押，按季付息',
                }
              : { ...s.prefill, decision: 'decline', reason: '项目投资回收期超出本产品要求' };
          return undefined;
        },
      };
      return sc;
    }
  }
}

/** Today in China time (the platform's day). */
export function today(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
