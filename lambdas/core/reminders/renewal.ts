/**
 * Opening the renewal round (新一轮审核) when a certificate runs out: a case of the renewal programme for the holder,
 * started by the sweep and prefilled from the previous round — the certificate it renews, the mid/high-cost options
 * still open, and the previous filing (its list batch, declaration and attachments cleared: those belong to the new
 * round). The case id derives from the certificate, so opening it again returns the same case and execution.
 */
import { sha256Hex } from '../canonical';
import type { CasePorts } from '../cases/cases';
import { findCase, startCase } from '../cases/cases';
import type { Certificate } from '../certificates/model';
import type { Actor } from '../identity/actor';
import type { NotifyPorts } from '../notifications/notify';
import { notifyAssignee } from '../notifications/notify';
import { optionRows } from '../library/registers';
import { findResults } from '../results/results';
import type { Submission } from '../tasks/submissions';
import { listSubmissions } from '../tasks/submissions';

export type RenewalPorts = CasePorts;

/** The sweep acts as a platform administrator (the root region), recorded as `system:cp-reminders`. */
export const SWEEP_ACTOR: Actor = {
  userId: 'system:cp-reminders',
  username: 'cp-reminders',
  role: 'admin',
  organisationId: 'system',
  regionPath: '86/',
};

export async function renewalCaseId(certificateId: string): Promise<string> {
  return `case_${(await sha256Hex(`renewal:${certificateId}`)).slice(0, 26)}`;
}

/** The latest submission of a form on the case or its parent (where the audit round keeps its filing). */
async function latestOf(ports: CasePorts, caseId: string, formId: string): Promise<Submission | undefined> {
  const audit = await findCase(ports, caseId);
  const ids = [caseId, ...(audit?.parentCaseId ? [audit.parentCaseId] : [])];
  const subs = (await Promise.all(ids.map((id) => listSubmissions(ports, id)))).flat();
  return subs
    .filter((s) => s.formId === formId)
    .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))[0];
}

/** What the renewal round starts with (`data` of its execution input). */
export async function renewalData(ports: CasePorts, c: Certificate): Promise<Record<string, unknown>> {
  const [filing, results] = await Promise.all([
    latestOf(ports, c.caseId, 'filing'),
    findResults(ports, c.caseId),
  ]);
  const options = Array.isArray(results?.options) ? (results.options as Record<string, unknown>[]) : [];
  const audit = await findCase(ports, c.caseId);
  const ids = [c.caseId, ...(audit?.parentCaseId ? [audit.parentCaseId] : [])];
  const subs = (await Promise.all(ids.map((id) => listSubmissions(ports, id)))).flat();
  const rows = optionRows(subs.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt)).map((s) => s.data));
  const names = new Map([...rows].map(([id, row]) => [id, typeof row.name === 'string' ? row.name : id]));
  const openOptions = options
    .filter((o) => o.cost === 'mid-high' && o.implemented !== true)
    .map((o) => ({
      id: String(o.id),
      name: names.get(String(o.id)) ?? String(o.id),
      investment: Number(o.investment ?? 0),
    }));
  const previous = {
    certificateId: c.id,
    number: c.number,
    auditType: c.auditType.zh,
    grade: c.grade,
    score: c.score,
    validFrom: c.validFrom,
    validUntil: c.validUntil,
    caseId: c.caseId,
  };
  const prior = (filing?.data ?? {}) as Record<string, unknown>;
  const { batch: _batch, declaration: _declaration, attachments: _attachments, ...kept } = prior;
  return {
    renewalOf: previous,
    notice: { previous, openOptions },
    filing: kept,
  };
}

/**
 * Starts (or finds) the renewal round of a certificate; tells the holder.
 * @example await openRenewal(ports, 'renewal', certificate, '2031-11-27') // 'case_…'
 */
export async function openRenewal(
  ports: RenewalPorts & NotifyPorts,
  programmeId: string,
  c: Certificate,
  asOf: string,
): Promise<string> {
  const id = await renewalCaseId(c.id);
  const started = await startCase(ports, SWEEP_ACTOR, {
    programmeId,
    organisationId: c.holderOrgId,
    id,
    data: await renewalData(ports, c),
  });
  await notifyAssignee(
    ports,
    { role: 'enterprise', organisationId: c.holderOrgId },
    { organisationId: c.holderOrgId, regionPath: c.regionPath },
    {
      dedupeKey: `renewal-opened:${c.id}`,
      caseId: started.id,
      kind: 'renewal.opened',
      title: { zh: '新一轮清洁生产审核已开启', en: 'Your renewal audit round is open' },
      body: {
        zh: `证书 ${c.number} 有效期至 ${c.validUntil}（${asOf} 起算）。新一轮审核已开启，备案信息已按上一轮预填，请核对后提交。`,
        en: `Certificate ${c.number} is valid until ${c.validUntil}. The renewal round is open, prefilled from your previous round: check and submit.`,
      },
      link: `/cases/${started.id}`,
    },
  );
  return started.id;
}
