/**
 * Incentive (奖补) applications: the enterprise's own (an administrator's region's), newest first — the
 * certificate, the reward rule and its computation (the amount with the rule's explanation), the status, the
 * latest decision with its reason and the payment record. Applying is the `incentive` programme.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { useApi } from '../../api/ApiContext';
import type { IncentiveApplication, IncentiveStatus } from '../../api/lifecycleTypes';
import { useMe } from '../../auth/AuthContext';
import { Facts } from '../../components/Facts';
import { PageHeader } from '../../components/PageHeader';
import { AsyncView } from '../../components/states';
import { useAsync } from '../../components/useAsync';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/zh';
import { Link } from '../../router/router';

const COLOR: Record<IncentiveStatus, 'default' | 'primary' | 'success' | 'error' | 'warning'> = {
  assessed: 'primary',
  approved: 'success',
  rejected: 'error',
  returned: 'warning',
  disbursed: 'success',
};

export function IncentiveStatusChip({ status }: { status: IncentiveStatus }) {
  const { t } = useI18n();
  return (
    <Chip
      size="small"
      color={COLOR[status] ?? 'default'}
      variant={status === 'disbursed' ? 'filled' : 'outlined'}
      label={t(`incentiveStatus.${status}` as MessageKey)}
      data-status={status}
    />
  );
}

function ApplicationCard({ a }: { a: IncentiveApplication }) {
  const { t, pick, number, date } = useI18n();
  const yuan = (v: number | undefined) => number(v, { unit: t('incentives.yuan') });
  const review = a.reviews[a.reviews.length - 1];
  return (
    <Card variant="outlined" data-testid="incentive-card" component="article" aria-label={pick(a.ruleTitle)}>
      <CardContent>
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
          <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
            {pick(a.ruleTitle)}
          </Typography>
          <IncentiveStatusChip status={a.status} />
        </Box>
        <Facts
          items={[
            { label: t('certificates.number'), value: a.certificateNumber },
            { label: t('incentives.amount'), value: yuan(a.computation.amount) },
            review?.approvedAmount !== undefined && {
              label: t('incentives.approvedAmount'),
              value: yuan(review.approvedAmount),
            },
            review && {
              label: t('incentives.decision'),
              value: `${t(`incentives.review.${review.decision}` as MessageKey)} · ${date(review.reviewedAt)}${review.reason ? ` · ${review.reason}` : ''}`,
            },
            a.disbursement && {
              label: t('incentives.paid'),
              value: `${yuan(a.disbursement.amount)} · ${date(a.disbursement.paidOn)} · ${a.disbursement.voucherNo}`,
            },
            { label: t('common.createdAt'), value: date(a.createdAt) },
          ]}
        />
        <Typography
          variant="body2"
          color="text.secondary"
          sx={{ mt: 1.5 }}
          data-testid="incentive-explanation"
        >
          {pick(a.computation.explanation)}
        </Typography>
        {a.computation.problems.length > 0 && (
          <Box component="ul" sx={{ m: 0, mt: 1, pl: 2.5, color: 'warning.main' }}>
            {a.computation.problems.map((p) => (
              <li key={p}>
                <Typography variant="body2">{p}</Typography>
              </li>
            ))}
          </Box>
        )}
        <Button size="small" component={Link} href={`/cases/${a.caseId}`} sx={{ mt: 1 }}>
          {t('cases.detail')}
        </Button>
      </CardContent>
    </Card>
  );
}

export function IncentivesPage() {
  const api = useApi();
  const me = useMe();
  const { t } = useI18n();
  const state = useAsync(() => api.incentives.list(), [api]);
  return (
    <>
      <PageHeader
        title={t('incentives.title')}
        subtitle={t('incentives.intro')}
        actions={
          // Enterprises apply (the `incentive` programme); administrators review what was applied for.
          me.role === 'enterprise' && (
            <Button variant="outlined" component={Link} href="/programmes">
              {t('incentives.apply')}
            </Button>
          )
        }
      />
      <AsyncView state={state} isEmpty={(d) => d.items.length === 0} empty={t('incentives.empty')}>
        {(data) => (
          <Grid container spacing={2}>
            {data.items.map((a) => (
              <Grid key={a.caseId} size={{ xs: 12, md: 6 }}>
                <ApplicationCard a={a} />
              </Grid>
            ))}
          </Grid>
        )}
      </AsyncView>
    </>
  );
}
