/**
 * One referral: its status and SLA, the exchange so far, the package exactly as delivered (only the consented
 * parts) and, for the enterprise and administrators, the webhook delivery log. A bank whose turn it is goes to
 * its answer form from here.
 */
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useApi } from '../../api/ApiContext';
import type { Referral, WebhookDelivery } from '../../api/lifecycleTypes';
import type { TaskSummary } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { Facts } from '../../components/Facts';
import { PageHeader } from '../../components/PageHeader';
import { AsyncView } from '../../components/states';
import { useAsync } from '../../components/useAsync';
import { useI18n } from '../../i18n/I18nContext';
import { Link } from '../../router/router';
import { Answers, ReferralStatusChip } from './Answers';
import { PackageView } from './PackageView';
import { usePolicy } from './policy';
import { answerTaskOf } from './ReferralsPage';
import { SlaBadge } from './SlaBadge';

function Deliveries({ items }: { items: readonly WebhookDelivery[] }) {
  const { t, dateTime } = useI18n();
  if (items.length === 0) return <Typography variant="body2">{t('referrals.noDeliveries')}</Typography>;
  return (
    <Table size="small" aria-label={t('referrals.deliveries')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('referrals.attempt')}</TableCell>
          <TableCell>{t('referrals.deliveredAt')}</TableCell>
          <TableCell>{t('common.status')}</TableCell>
          <TableCell>{t('referrals.target')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map((d) => (
          <TableRow key={d.deliveryId}>
            <TableCell>{d.attempt}</TableCell>
            <TableCell>{dateTime(d.at)}</TableCell>
            <TableCell>
              {d.outcome === 'delivered' ? t('referrals.delivery.ok') : t('referrals.delivery.failed')}
              {d.httpStatus ? ` (HTTP ${d.httpStatus})` : d.error ? ` (${d.error})` : ''}
            </TableCell>
            <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{d.target}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ReferralView({ r, task }: { r: Referral; task: TaskSummary | undefined }) {
  const me = useMe();
  const { t, dateTime } = useI18n();
  const { answerDays } = usePolicy();
  const back = me.role === 'bank' ? '/referrals' : `/financing/${r.requestId}`;
  return (
    <>
      <PageHeader
        back={
          <Button component={Link} href={back} startIcon={<ArrowBackIcon />} size="small">
            {me.role === 'bank' ? t('referrals.title') : t('financing.title')}
          </Button>
        }
        title={me.role === 'bank' ? r.organisationName : r.bankName}
        subtitle={`${r.productName} · ${r.id}`}
        actions={
          task && (
            <Button
              variant="contained"
              component={Link}
              href={`/tasks/${task.id}`}
              data-testid="answer-referral"
            >
              {t('referrals.answer')}
            </Button>
          )
        }
      />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 5 }}>
          <Card variant="outlined">
            <CardContent>
              <Facts
                items={[
                  { label: t('common.status'), value: <ReferralStatusChip status={r.status} /> },
                  { label: t('referrals.received'), value: dateTime(r.createdAt) },
                  {
                    label: t('referrals.sla'),
                    value: <SlaBadge referral={r} dueAt={task?.dueAt} answerDays={answerDays} />,
                  },
                  r.withdrawnAt && { label: t('referrals.withdrawnAt'), value: dateTime(r.withdrawnAt) },
                ]}
              />
              <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
                {t('answers.heading')}
              </Typography>
              <Answers referral={r} />
            </CardContent>
          </Card>
          {r.deliveries && (
            <Card variant="outlined" sx={{ mt: 2 }}>
              <CardContent>
                <Typography variant="h6" component="h2">
                  {t('referrals.deliveries')}
                </Typography>
                <Deliveries items={r.deliveries} />
              </CardContent>
            </Card>
          )}
        </Grid>
        <Grid size={{ xs: 12, lg: 7 }}>
          <Card variant="outlined">
            <CardContent>
              <Typography variant="h6" component="h2">
                {t('referrals.package')}
              </Typography>
              {r.package ? (
                <PackageView pkg={r.package} />
              ) : (
                <Alert severity="info" sx={{ mt: 1 }}>
                  {t('referrals.packageGone')}
                </Alert>
              )}
            </CardContent>
          </Card>
        </Grid>
      </Grid>
    </>
  );
}

export function ReferralDetailPage({ id }: { id: string }) {
  const api = useApi();
  const me = useMe();
  const state = useAsync(async () => {
    const [r, tasks] = await Promise.all([
      api.referrals.get(id),
      me.role === 'bank' ? api.tasks.list().then((p) => p.items) : Promise.resolve([] as TaskSummary[]),
    ]);
    return { r, task: answerTaskOf(r, tasks) };
  }, [api, id, me.role]);
  return <AsyncView state={state}>{(d) => <ReferralView r={d.r} task={d.task} />}</AsyncView>;
}
