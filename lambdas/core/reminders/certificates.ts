/**
 * Certificate expiry in the daily sweep. For each offset of `reminder-policy` (T-180/90/30 by default) the
 * certificates whose last valid day is that many days ahead — or was, on a day within the catch-up window a missed
 * sweep skipped — remind their holder once; on the opening day (the last valid day by default) the renewal round
 * opens once. A certificate its holder has already renewed (a later valid certificate) is left alone. One Query
 * per window on the certificates' expiry index (GSI3 `CERTEXPIRY`), never a Scan.
 */
import type { Certificate } from '../certificates/model';
import { certificateFromItem } from '../certificates/model';
import type { NotifyPorts } from '../notifications/notify';
import { notifyAssignee } from '../notifications/notify';
import type { Ports } from '../ports';
import { addDays, daysBetween } from './dates';
import type { ReminderPolicy } from './policy-table';
import { findRecord, putRecord } from './records';
import type { RenewalPorts } from './renewal';
import { openRenewal } from './renewal';

export interface CertificateReport {
  reminded: { certificateId: string; offset: number; notified: number }[];
  renewals: { certificateId: string; caseId: string }[];
}

/** Valid certificates whose last day lies in [from, to]. */
export async function expiringBetween(
  ports: Pick<Ports, 'db'>,
  from: string,
  to: string,
): Promise<Certificate[]> {
  const out: Certificate[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ports.db.query({
      IndexName: 'GSI3',
      KeyConditionExpression: 'GSI3PK = :pk AND GSI3SK BETWEEN :a AND :b',
      ExpressionAttributeValues: { ':pk': 'CERTEXPIRY', ':a': from, ':b': `${to}#~` },
      ExclusiveStartKey: start,
    });
    out.push(...page.items.map(certificateFromItem).filter((c) => c.status === 'valid'));
    start = page.lastKey;
  } while (start);
  return out;
}

/** True when the holder holds a later valid certificate (it renewed before this one ran out). */
export async function renewedAlready(ports: Pick<Ports, 'db'>, c: Certificate): Promise<boolean> {
  const page = await ports.db.query({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': `CERTORG#${c.holderOrgId}` },
    ScanIndexForward: false,
    Limit: 10,
  });
  return page.items
    .map(certificateFromItem)
    .some((o) => o.id !== c.id && o.status === 'valid' && o.validUntil > c.validUntil);
}

async function remindExpiring(ports: NotifyPorts, c: Certificate, offset: number, asOf: string) {
  const left = daysBetween(asOf, c.validUntil);
  const res = await notifyAssignee(
    ports,
    { role: 'enterprise', organisationId: c.holderOrgId },
    { organisationId: c.holderOrgId, regionPath: c.regionPath },
    {
      dedupeKey: `certificate-expiring:${c.id}:${offset}`,
      caseId: c.caseId,
      kind: 'certificate.expiring',
      title: {
        zh: `清洁生产审核证书将于 ${c.validUntil} 到期`,
        en: `Your cleaner-production certificate expires on ${c.validUntil}`,
      },
      body: {
        zh: `证书 ${c.number}（${c.auditType.zh}）还有 ${left} 天到期。请在到期前开展新一轮清洁生产审核；到期当日平台将为您开启新一轮审核。`,
        en: `Certificate ${c.number} (${c.auditType.en}) expires in ${left} days. Start a new audit round before then; on its last day the platform opens the renewal round for you.`,
      },
      link: `/certificates/${c.id}`,
    },
  );
  return [...res.notified, ...res.duplicates];
}

/**
 * @example await sweepCertificates(ports, policy, '2031-05-31') // { reminded: [{ certificateId, offset: 180, notified: 1 }], renewals: [] }
 */
export async function sweepCertificates(
  ports: RenewalPorts & NotifyPorts,
  policy: ReminderPolicy,
  asOf: string,
): Promise<CertificateReport> {
  const report: CertificateReport = { reminded: [], renewals: [] };
  const back = policy.catchUpDays.value;
  const offsets = [...policy.certificateExpiry.offsetsDays.value].sort((a, b) => a - b);
  for (const offset of offsets) {
    for (const c of await expiringBetween(ports, addDays(asOf, offset - back), addDays(asOf, offset))) {
      const subject = `cert:${c.id}`;
      if (await findRecord(ports, subject, 'certificate.expiring', offset)) continue;
      // A smaller offset already sent means this one was overtaken (a long gap in the sweeps): never send it late.
      const overtaken = await Promise.all(
        offsets.filter((o) => o < offset).map((o) => findRecord(ports, subject, 'certificate.expiring', o)),
      );
      if (overtaken.some(Boolean) || (await renewedAlready(ports, c))) continue;
      const notified = await remindExpiring(ports, c, offset, asOf);
      await putRecord(ports, {
        subject,
        kind: 'certificate.expiring',
        offset,
        asOf,
        caseId: c.caseId,
        notified,
      });
      report.reminded.push({ certificateId: c.id, offset, notified: notified.length });
    }
  }
  const open = policy.renewal.openDaysBeforeExpiry.value;
  for (const c of await expiringBetween(ports, addDays(asOf, open - back), addDays(asOf, open))) {
    const subject = `cert:${c.id}`;
    if (await findRecord(ports, subject, 'renewal.opened', 0)) continue;
    if (await renewedAlready(ports, c)) continue;
    const caseId = await openRenewal(ports, policy.renewal.programmeId, c, asOf);
    await putRecord(ports, {
      subject,
      kind: 'renewal.opened',
      offset: 0,
      asOf,
      caseId,
      notified: [],
      detail: { renewalCaseId: caseId },
    });
    report.renewals.push({ certificateId: c.id, caseId });
  }
  return report;
}
