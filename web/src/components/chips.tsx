/** Small status badges: due dates (SLA), case status, task access. */
import Chip from '@mui/material/Chip';
import type { CaseStatus } from '../api/types';
import { useI18n } from '../i18n/I18nContext';
import type { MessageKey } from '../i18n/zh';

const DAY = 24 * 3600 * 1000;

export type Urgency = 'overdue' | 'soon' | 'ok';

export function urgencyOf(dueAt: string | undefined, now = Date.now()): Urgency {
  if (!dueAt) return 'ok';
  const left = new Date(dueAt).getTime() - now;
  if (left < 0) return 'overdue';
  return left < 2 * DAY ? 'soon' : 'ok';
}

/** Due date with its urgency: red when overdue, amber within two days. */
export function DueChip({ dueAt }: { dueAt?: string }) {
  const { t, date } = useI18n();
  if (!dueAt) return null;
  const u = urgencyOf(dueAt);
  const label =
    u === 'overdue'
      ? `${t('tasks.overdue')} · ${date(dueAt)}`
      : u === 'soon'
        ? `${t('tasks.dueSoon')} · ${date(dueAt)}`
        : t('cases.due', { date: date(dueAt) });
  return (
    <Chip
      size="small"
      variant={u === 'ok' ? 'outlined' : 'filled'}
      color={u === 'overdue' ? 'error' : u === 'soon' ? 'warning' : 'default'}
      label={label}
      data-urgency={u}
    />
  );
}

const STATUS_COLOR: Record<string, 'primary' | 'success' | 'error' | 'default'> = {
  running: 'primary',
  completed: 'success',
  failed: 'error',
  stopped: 'default',
};

export function CaseStatusChip({ status }: { status: CaseStatus }) {
  const { t } = useI18n();
  const key = `cases.status.${status}` as MessageKey;
  const known = ['running', 'completed', 'failed', 'stopped'].includes(status);
  return (
    <Chip
      size="small"
      color={STATUS_COLOR[status] ?? 'default'}
      variant="outlined"
      label={known ? t(key) : status}
      data-status={status}
    />
  );
}
