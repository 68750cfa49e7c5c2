/**
 * Annual lists (年度名单) and their deadlines: an administrator records a published list — its enterprises and its
 * publication day — and the sweep holds each enterprise to the list's deadlines (DOMAIN §1.2: register within 1
 * month, start within 2, finish within 12; the months come from `reminder-policy` and are fixed on the list when it
 * is recorded). Met means: registered = a case of an audit programme started on or after publication; started = its
 * filing submitted; finished = a certificate issued on or after publication.
 *
 * Items: `DEADLINELIST#<id>` / `LIST` (GSI1 `DEADLINELISTS` / `<finishBy>#<id>`, so the sweep reads only lists
 * still running) and `DEADLINELIST#<id>` / `MEMBER#<orgId>`.
 */
import { certificateFromItem } from '../certificates/model';
import { caseFromItem } from '../cases/model';
import type { Item } from '../db/port';
import { NotFoundError, ValidationError } from '../errors';
import type { Actor } from '../identity/actor';
import { administers } from '../identity/authorize';
import { getOrganisation } from '../identity/organisations';
import type { NotifyPorts } from '../notifications/notify';
import { notifyAssignee } from '../notifications/notify';
import type { Ports } from '../ports';
import { isoTime } from '../ports';
import { listSubmissions } from '../tasks/submissions';
import { addDays, addMonths, daysBetween } from './dates';
import type { ReminderPolicy } from './policy-table';
import { findRecord, putRecord } from './records';

export const MILESTONES = ['register', 'start', 'finish'] as const;
export type Milestone = (typeof MILESTONES)[number];

export interface DeadlineList {
  id: string;
  name: string;
  listType: 'mandatory' | 'voluntary';
  publishedOn: string;
  regionPath: string;
  deadlines: Record<Milestone, string>;
  enterprises: { organisationId: string; name: string }[];
  createdBy: string;
  createdAt: string;
}

const listKey = (id: string) => ({ PK: `DEADLINELIST#${id}`, SK: 'LIST' });

/** The deadlines of a list published on `publishedOn`, under a policy (pure). */
export function deadlinesOf(
  publishedOn: string,
  p: Pick<ReminderPolicy, 'listDeadlines'>,
): Record<Milestone, string> {
  return {
    register: addMonths(publishedOn, p.listDeadlines.registerMonths.value),
    start: addMonths(publishedOn, p.listDeadlines.startMonths.value),
    finish: addMonths(publishedOn, p.listDeadlines.finishMonths.value),
  };
}

const fromItem = (item: Item): DeadlineList => {
  const { PK: _a, SK: _b, type: _t, GSI1PK: _c, GSI1SK: _d, ...rest } = item;
  return rest as unknown as DeadlineList;
};

/**
 * Records a list (again with the same id: replaces it). The administrator must administer every enterprise on it.
 * @example await putList(ports, actor, policy, 'gz-2025-1', { name: '2025 年广州市第一批强制性清洁生产审核企业名单', listType: 'mandatory', publishedOn: '2025-03-31', organisationIds: ['org_…'] })
 */
export async function putList(
  ports: Ports,
  actor: Actor,
  policy: ReminderPolicy,
  id: string,
  input: {
    name: string;
    listType: 'mandatory' | 'voluntary';
    publishedOn: string;
    organisationIds: string[];
  },
): Promise<DeadlineList> {
  const existing = await ports.db.get({ Key: listKey(id), ConsistentRead: true });
  if (existing && !administers(actor, fromItem(existing))) throw new NotFoundError('list', id);
  const enterprises = await Promise.all(
    input.organisationIds.map(async (orgId, i) => {
      const org = await getOrganisation(ports, orgId).catch(() => undefined);
      if (!org || org.kind !== 'enterprise' || !administers(actor, org))
        throw new ValidationError('not an enterprise of your region', [
          { path: `/organisationIds/${i}`, message: 'unknown enterprise' },
        ]);
      return { organisationId: org.id, name: org.name };
    }),
  );
  const list: DeadlineList = {
    id,
    name: input.name,
    listType: input.listType,
    publishedOn: input.publishedOn,
    regionPath: actor.regionPath,
    deadlines: deadlinesOf(input.publishedOn, policy),
    enterprises,
    createdBy: actor.userId,
    createdAt: isoTime(ports.clock.now()),
  };
  await ports.db.put({
    Item: {
      ...listKey(id),
      type: 'deadline-list',
      ...list,
      GSI1PK: 'DEADLINELISTS',
      GSI1SK: `${list.deadlines.finish}#${id}`,
    },
  });
  return list;
}

export async function getList(ports: Pick<Ports, 'db'>, actor: Actor, id: string): Promise<DeadlineList> {
  const item = await ports.db.get({ Key: listKey(id), ConsistentRead: true });
  const list = item ? fromItem(item) : undefined;
  if (!list || !administers(actor, list)) throw new NotFoundError('list', id);
  return list;
}

/** Lists whose finish deadline is on or after `since` (all of them for an administrator's region). */
export async function listsFinishingFrom(ports: Pick<Ports, 'db'>, since: string): Promise<DeadlineList[]> {
  const page = await ports.db.query({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK >= :s',
    ExpressionAttributeValues: { ':pk': 'DEADLINELISTS', ':s': since },
  });
  return page.items.map(fromItem);
}

export async function listsFor(ports: Pick<Ports, 'db'>, actor: Actor): Promise<DeadlineList[]> {
  return (await listsFinishingFrom(ports, '0000')).filter((l) => administers(actor, l));
}

/** Which milestones an enterprise has met for a list. Reads its cases, their filings and its certificates. */
export async function progressOf(
  ports: Pick<Ports, 'db'>,
  organisationId: string,
  publishedOn: string,
): Promise<Record<Milestone, boolean> & { caseId?: string }> {
  const [cases, certs] = await Promise.all([
    ports.db.query({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK >= :d',
      ExpressionAttributeValues: { ':pk': `CASEORG#${organisationId}`, ':d': publishedOn },
    }),
    ports.db.query({
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK >= :d',
      ExpressionAttributeValues: { ':pk': `CERTORG#${organisationId}`, ':d': publishedOn },
    }),
  ]);
  const audits = cases.items.map(caseFromItem).filter((c) => c.kind === 'audit' || c.kind === 'renewal');
  let started = false;
  for (const c of audits) {
    if ((await listSubmissions(ports, c.id)).some((s) => s.formId === 'filing')) {
      started = true;
      break;
    }
  }
  const finished = certs.items.map(certificateFromItem).some((c) => c.status === 'valid');
  const caseId = audits.find((c) => !c.parentCaseId)?.id ?? audits[0]?.id;
  return { register: audits.length > 0, start: started, finish: finished, ...(caseId ? { caseId } : {}) };
}

export interface ListReport {
  dueSoon: string[];
  overdue: string[];
}

const WORDS: Record<Milestone, { zh: string; en: string }> = {
  register: { zh: '平台注册并公开企业信息', en: 'register on the platform and publish company information' },
  start: { zh: '启动审核（提交备案）', en: 'start the audit (submit the filing)' },
  finish: { zh: '完成审核并取得验收结论', en: 'finish the audit round' },
};

/**
 * @example await sweepLists(ports, policy, '2025-04-23') // { dueSoon: ['list:gz-2025-1:org_…:register'], overdue: [] }
 */
export async function sweepLists(
  ports: NotifyPorts,
  policy: ReminderPolicy,
  asOf: string,
): Promise<ListReport> {
  const report: ListReport = { dueSoon: [], overdue: [] };
  const soon = policy.listDeadlines.dueSoonDays.value;
  const late = policy.listDeadlines.escalateAfterDays.value;
  const back = policy.catchUpDays.value;
  const lists = await listsFinishingFrom(ports, addDays(asOf, -(late + back + 1)));
  for (const list of lists) {
    for (const e of list.enterprises) {
      const wanted = MILESTONES.map((m) => ({ m, deadline: list.deadlines[m] })).filter(({ deadline }) => {
        const d = daysBetween(asOf, deadline); // days left
        return (d >= 0 && d <= soon) || (d < -late && d >= -(late + back + 1));
      });
      if (!wanted.length) continue;
      let progress: Awaited<ReturnType<typeof progressOf>> | undefined;
      for (const { m, deadline } of wanted) {
        const overdue = daysBetween(asOf, deadline) < 0;
        const kind = overdue ? 'list.overdue' : 'list.due-soon';
        const offset = overdue ? late : soon;
        const subject = `list:${list.id}:${e.organisationId}:${m}`;
        if (await findRecord(ports, subject, kind, offset)) continue;
        progress ??= await progressOf(ports, e.organisationId, list.publishedOn);
        if (progress[m]) continue;
        const org = await getOrganisation(ports, e.organisationId);
        const scope = { organisationId: org.id, regionPath: org.regionPath };
        const input = {
          dedupeKey: `${kind}:${subject}`,
          ...(progress.caseId ? { caseId: progress.caseId } : {}),
          subject: `list:${list.id}`,
          kind,
          title: overdue
            ? { zh: `已逾期：${WORDS[m].zh}（${deadline}）`, en: `Missed: ${WORDS[m].en} (${deadline})` }
            : { zh: `即将到期：${WORDS[m].zh}（${deadline}）`, en: `Due ${deadline}: ${WORDS[m].en}` },
          body: {
            zh: `${list.name}（${list.publishedOn} 公布）要求 ${org.name} 于 ${deadline} 前${WORDS[m].zh}。`,
            en: `${list.name} (published ${list.publishedOn}) requires ${org.name} to ${WORDS[m].en} by ${deadline}.`,
          },
          link: progress.caseId ? `/cases/${progress.caseId}` : '/programmes',
        };
        const res = await notifyAssignee(ports, { role: 'enterprise', organisationId: org.id }, scope, input);
        const admins = overdue ? await notifyAssignee(ports, { role: 'admin' }, scope, input) : undefined;
        const notified = [
          ...res.notified,
          ...res.duplicates,
          ...(admins ? [...admins.notified, ...admins.duplicates] : []),
        ];
        await putRecord(ports, {
          subject,
          kind,
          offset,
          asOf,
          ...(progress.caseId ? { caseId: progress.caseId } : {}),
          notified,
        });
        report[overdue ? 'overdue' : 'dueSoon'].push(subject);
      }
    }
  }
  return report;
}
