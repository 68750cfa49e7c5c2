/**
 * A referral's exchange, oldest first: the bank's answers (approve with amount, rate and term; decline with its
 * reason; a request for information with its questions) and the information the enterprise sent back.
 */
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Typography from '@mui/material/Typography';
import type { BankAnswer, BankDecision, Referral, ReferralStatus } from '../../api/lifecycleTypes';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/zh';

const DECISION_COLOR: Record<BankDecision, 'success' | 'error' | 'info'> = {
  approve: 'success',
  decline: 'error',
  'request-info': 'info',
};

const STATUS_COLOR: Record<ReferralStatus, 'default' | 'primary' | 'success' | 'error' | 'info' | 'warning'> =
  {
    delivered: 'primary',
    'info-requested': 'info',
    'info-provided': 'primary',
    approved: 'success',
    declined: 'error',
    'no-answer': 'warning',
    withdrawn: 'default',
  };

export function ReferralStatusChip({ status }: { status: ReferralStatus }) {
  const { t } = useI18n();
  return (
    <Chip
      size="small"
      variant="outlined"
      color={STATUS_COLOR[status] ?? 'default'}
      label={t(`referralStatus.${status}` as MessageKey)}
      data-status={status}
    />
  );
}

export function DecisionChip({ decision }: { decision: BankDecision }) {
  const { t } = useI18n();
  return (
    <Chip
      size="small"
      color={DECISION_COLOR[decision]}
      label={t(`decision.${decision}` as MessageKey)}
      data-decision={decision}
    />
  );
}

function AnswerText({ a }: { a: BankAnswer }) {
  const { t, number } = useI18n();
  if (a.decision === 'approve') {
    return (
      <>
        {t('answers.approved', {
          amount: number(a.amount, { unit: t('unit.tenThousandYuan') }),
          rate: number(a.ratePct, { unit: '%' }),
          term: a.termMonths ?? '–',
        })}
        {a.conditions ? ` ${t('answers.conditions', { text: a.conditions })}` : ''}
      </>
    );
  }
  if (a.decision === 'decline') return <>{t('answers.reason', { text: a.reason ?? '–' })}</>;
  return <>{t('answers.questions', { text: a.questions ?? '–' })}</>;
}

type Entry = { at: string; kind: 'answer'; a: BankAnswer } | { at: string; kind: 'info'; text: string };

export function Answers({ referral }: { referral: Pick<Referral, 'answers' | 'info' | 'bankName'> }) {
  const { t, dateTime } = useI18n();
  const entries: Entry[] = [
    ...referral.answers.map((a) => ({ at: a.answeredAt, kind: 'answer' as const, a })),
    ...(referral.info ?? []).map((i) => ({ at: i.providedAt, kind: 'info' as const, text: i.text })),
  ].sort((x, y) => x.at.localeCompare(y.at));
  if (entries.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {t('answers.none')}
      </Typography>
    );
  }
  return (
    <List dense disablePadding aria-label={t('answers.title', { bank: referral.bankName })}>
      {entries.map((e) => (
        <ListItem
          key={`${e.kind}-${e.at}`}
          disableGutters
          data-testid="referral-answer"
          sx={{ alignItems: 'flex-start' }}
        >
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'baseline', flexWrap: 'wrap' }}>
            {e.kind === 'answer' ? (
              <DecisionChip decision={e.a.decision} />
            ) : (
              <Chip size="small" variant="outlined" label={t('answers.infoProvided')} />
            )}
            <Typography variant="body2" component="span">
              {e.kind === 'answer' ? <AnswerText a={e.a} /> : e.text}
            </Typography>
            <Typography variant="caption" color="text.secondary" component="span">
              {dateTime(e.at)}
            </Typography>
          </Box>
        </ListItem>
      ))}
    </List>
  );
}
