/** The answer-SLA badge of a referral: days since delivery against the bank's deadline (see sla.ts). */
import Chip from '@mui/material/Chip';
import Tooltip from '@mui/material/Tooltip';
import type { Referral } from '../../api/lifecycleTypes';
import { useI18n } from '../../i18n/I18nContext';
import type { Sla, SlaOptions, SlaState } from './sla';
import { slaOf } from './sla';

const COLOR: Record<SlaState, 'default' | 'success' | 'warning' | 'error' | 'info'> = {
  ok: 'default',
  soon: 'warning',
  overdue: 'error',
  waiting: 'info',
  'on-time': 'success',
  late: 'warning',
  expired: 'error',
  closed: 'default',
};

export function useSlaText() {
  const { t } = useI18n();
  return (sla: Sla): string => {
    const vars = {
      elapsed: sla.elapsedDays,
      left: sla.leftDays ?? 0,
      late: sla.lateDays ?? 0,
    };
    switch (sla.state) {
      case 'ok':
      case 'soon':
        return t('sla.open', vars);
      case 'overdue':
        return t('sla.overdue', vars);
      case 'waiting':
        return t('sla.waiting', vars);
      case 'on-time':
        return t('sla.onTime', vars);
      case 'late':
        return t('sla.late', vars);
      case 'expired':
        return t('sla.expired', vars);
      case 'closed':
        return t('sla.closed', vars);
    }
  };
}

export function SlaBadge({
  referral,
  ...options
}: { referral: Pick<Referral, 'status' | 'createdAt' | 'answers'> } & SlaOptions) {
  const { t, date } = useI18n();
  const text = useSlaText();
  const sla = slaOf(referral, options);
  const label = text(sla);
  const title = sla.dueAt ? t('sla.deadline', { date: date(sla.dueAt) }) : t('sla.noDeadline');
  return (
    <Tooltip title={title}>
      <Chip
        size="small"
        color={COLOR[sla.state]}
        variant={sla.state === 'ok' || sla.state === 'closed' ? 'outlined' : 'filled'}
        label={label}
        aria-label={`${label} · ${title}`}
        data-sla={sla.state}
        data-testid="sla-badge"
      />
    </Tooltip>
  );
}
