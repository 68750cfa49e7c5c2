/**
 * One financing request as its enterprise sees it: what was asked, the matching products, the consent (which
 * banks saw which parts; withdraw it), every bank's answers, and the steps waiting for the enterprise (the
 * consent itself, or information a bank asked for).
 */
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { useApi } from '../../api/ApiContext';
import type { FinancingRequest, Referral } from '../../api/lifecycleTypes';
import type { TaskSummary } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { Facts } from '../../components/Facts';
import { PageHeader } from '../../components/PageHeader';
import { AsyncView } from '../../components/states';
import { useAsync } from '../../components/useAsync';
import { useI18n } from '../../i18n/I18nContext';
import { Link } from '../../router/router';
import { Answers, ReferralStatusChip } from '../referrals/Answers';
import { usePolicy } from '../referrals/policy';
import { SlaBadge } from '../referrals/SlaBadge';
import { ConsentPanel } from './ConsentPanel';

interface Loaded {
  request: FinancingRequest;
  referrals: Referral[];
  waiting: TaskSummary[];
}

function RequestView({ d, reload }: { d: Loaded; reload(): void }) {
  const api = useApi();
  const me = useMe();
  const { t, pick, number, date } = useI18n();
  const { scopeTitle, categoryTitle, answerDays } = usePolicy();
  const { request, referrals } = d;
  return (
    <>
      <PageHeader
        back={
          <Button component={Link} href="/financing" startIcon={<ArrowBackIcon />} size="small">
            {t('financing.title')}
          </Button>
        }
        title={request.purpose}
        subtitle={`${number(request.amount, { unit: t('unit.tenThousandYuan') })} · ${t('financing.months', { n: request.termMonths })} · ${request.caseId}`}
      />
      {d.waiting.map((task) => (
        <Alert
          key={task.id}
          severity="warning"
          sx={{ mb: 1 }}
          action={
            <Button color="inherit" size="small" component={Link} href={`/tasks/${task.id}`}>
              {t('cases.openTask')}
            </Button>
          }
          data-testid="financing-waiting"
        >
          {t('financing.waiting', { task: pick(task.title) || task.formId })}
        </Alert>
      ))}
      <Grid container spacing={2}>
        <Grid size={12}>
          <Card variant="outlined">
            <CardContent>
              <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
                {t('financing.request')}
              </Typography>
              <Facts
                items={[
                  {
                    label: t('financing.amount'),
                    value: number(request.amount, { unit: t('unit.tenThousandYuan') }),
                  },
                  { label: t('financing.term'), value: t('financing.months', { n: request.termMonths }) },
                  {
                    label: t('financing.categories'),
                    value: request.categories.map(categoryTitle).join(t('list.separator')),
                  },
                  {
                    label: t('financing.options'),
                    value: request.purposeOptionIds.join(t('list.separator')),
                  },
                  {
                    label: t('financing.audit'),
                    value: <Link href={`/cases/${request.auditCaseId}`}>{request.auditCaseId}</Link>,
                  },
                  { label: t('common.createdAt'), value: date(request.createdAt) },
                ]}
              />
              <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
                {t('financing.matches')}
              </Typography>
              {request.matches.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {t('financing.noMatches')}
                </Typography>
              ) : (
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {request.matches.map((m) => (
                    <li key={`${m.bankId}/${m.productId}`}>
                      <Typography variant="body2" component="span">
                        {m.bankName} · {m.productName}
                        {m.indicativeRate ? ` · ${m.indicativeRate}` : ''}
                      </Typography>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        </Grid>
        <Grid size={12}>
          <Card variant="outlined">
            <CardContent>
              <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
                {t('consent.title')}
              </Typography>
              <ConsentPanel
                request={request}
                referrals={referrals}
                scopeTitle={scopeTitle}
                {...(me.role === 'enterprise'
                  ? {
                      onWithdraw: async (bankIds: string[], reason: string | undefined) => {
                        const result = await api.referrals.withdraw(request.caseId, {
                          ...(bankIds.length ? { bankIds } : {}),
                          ...(reason ? { reason } : {}),
                        });
                        reload();
                        return result;
                      },
                    }
                  : {})}
              />
            </CardContent>
          </Card>
          <Card variant="outlined" sx={{ mt: 2 }}>
            <CardContent>
              <Typography variant="h6" component="h2">
                {t('financing.answers')}
              </Typography>
              {referrals.length === 0 && (
                <Typography variant="body2" color="text.secondary">
                  {t('financing.noReferrals')}
                </Typography>
              )}
              {referrals.map((r) => (
                <section key={r.id} aria-label={r.bankName} data-testid="bank-answers" data-bank={r.bankId}>
                  <Typography
                    variant="subtitle1"
                    component="h3"
                    sx={{ mt: 2, display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}
                  >
                    <Link href={`/referrals/${r.id}`}>{r.bankName}</Link>
                    <ReferralStatusChip status={r.status} />
                    <SlaBadge referral={r} answerDays={answerDays} />
                  </Typography>
                  <Answers referral={r} />
                </section>
              ))}
            </CardContent>
          </Card>
        </Grid>
      </Grid>
    </>
  );
}

export function FinancingDetailPage({ caseId }: { caseId: string }) {
  const api = useApi();
  const state = useAsync(async (): Promise<Loaded> => {
    const [{ request, referrals }, tasks] = await Promise.all([
      api.referrals.request(caseId),
      api.tasks.list(),
    ]);
    const cases = new Set([caseId, ...referrals.map((r) => r.childCaseId)]);
    return { request, referrals, waiting: tasks.items.filter((x) => cases.has(x.caseId)) };
  }, [api, caseId]);
  return <AsyncView state={state}>{(d) => <RequestView d={d} reload={state.reload} />}</AsyncView>;
}
