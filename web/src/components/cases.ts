/** Reading cases the way the pages show them. */
import type { Assignee, CaseEvent, CaseSummary, CurrentStep } from '../api/types';
import type { I18n } from '../i18n/I18nContext';
import type { MessageKey } from '../i18n/zh';

/** The steps a case waits on, oldest first, whether the API sent a map or a list. */
export function stepsOf(c: Pick<CaseSummary, 'currentSteps'>): CurrentStep[] {
  const raw = c.currentSteps;
  const list = Array.isArray(raw) ? raw : Object.values(raw ?? {});
  return [...list].sort((a, b) => (a.openedAt ?? '').localeCompare(b.openedAt ?? ''));
}

const ROLE_KEYS = ['admin', 'enterprise', 'consultant', 'expert', 'bank'];

export function assigneeText(i18n: Pick<I18n, 't'>, a: Assignee | undefined, orgName?: string): string {
  if (!a) return '–';
  const role = ROLE_KEYS.includes(a.role) ? i18n.t(`role.${a.role}` as MessageKey) : a.role;
  if (a.userIds?.length) return `${role} (${a.userIds.join(', ')})`;
  if (a.organisationId) return orgName ? `${role} · ${orgName}` : `${role} · ${a.organisationId}`;
  return role;
}

export function eventLabel(i18n: Pick<I18n, 't'>, e: CaseEvent): string {
  const kind = e.kind ?? e.type ?? '';
  const key = `event.${kind}` as MessageKey;
  const text = i18n.t(key);
  return text === key ? kind : text;
}

export function actorText(i18n: Pick<I18n, 't'>, actor: CaseEvent['actor']): string {
  if (!actor) return '';
  if (typeof actor === 'string') return actor;
  if (actor.role === 'system') return i18n.t('actor.system');
  const role =
    actor.role && ROLE_KEYS.includes(actor.role) ? i18n.t(`role.${actor.role}` as MessageKey) : actor.role;
  return [actor.name ?? actor.userId, role].filter(Boolean).join(' · ');
}

/** Steps done and open, from the event log (a workflow's total is not known in advance). */
export function stepCounts(timeline: readonly CaseEvent[], open: number) {
  const done = timeline.filter((e) => (e.kind ?? e.type) === 'task.submitted').length;
  return { done, open };
}
