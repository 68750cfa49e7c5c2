/**
 * The bank portal's referral inbox: the referrals of the user's own bank (only what the enterprises consented
 * to, as the API returns it), newest first, each with its status, its answer SLA and — while it is the bank's
 * turn — a link straight to the answer form.
 */
import RefreshIcon from '@mui/icons-material/Refresh';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useApi } from '../../api/ApiContext';
import type { Referral } from '../../api/lifecycleTypes';
import type { TaskSummary } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { AsyncView } from '../../components/states';
import { useAsync } from '../../components/useAsync';
import { ScrollTable } from '../../components/ScrollTable';
import { useI18n } from '../../i18n/I18nContext';
import { Link } from '../../router/router';
import { ReferralStatusChip } from './Answers';
import { usePolicy } from './policy';
import { SlaBadge } from './SlaBadge';

/** The bank's open answer step of a referral (its child case), if it is the bank's turn. */
export function answerTaskOf(r: Pick<Referral, 'childCaseId'>, tasks: readonly TaskSummary[]) {
  return tasks.find((t) => t.caseId === r.childCaseId && t.status === 'open');
}

export function ReferralsPage() {
  const api = useApi();
  const { t, dateTime } = useI18n();
  const { answerDays } = usePolicy();
  const state = useAsync(
    () =>
      Promise.all([api.referrals.list(), api.tasks.list()]).then(([r, tk]) => ({
        referrals: r.items,
        tasks: tk.items,
      })),
    [api],
  );
  return (
    <>
      <PageHeader
        title={t('referrals.title')}
        subtitle={t('referrals.intro')}
        actions={
          <Button startIcon={<RefreshIcon />} onClick={state.reload} disabled={state.loading}>
            {t('common.refresh')}
          </Button>
        }
      />
      <AsyncView state={state} isEmpty={(d) => d.referrals.length === 0} empty={t('referrals.empty')}>
        {({ referrals, tasks }) => (
          <ScrollTable label={t('referrals.title')} outlined>
            <Table size="small" aria-label={t('referrals.title')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('referrals.enterprise')}</TableCell>
                  <TableCell>{t('referrals.product')}</TableCell>
                  <TableCell>{t('referrals.received')}</TableCell>
                  <TableCell>{t('common.status')}</TableCell>
                  <TableCell>{t('referrals.sla')}</TableCell>
                  <TableCell>
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {referrals.map((r) => {
                  const task = answerTaskOf(r, tasks);
                  return (
                    <TableRow key={r.id} hover data-testid="referral-row">
                      <TableCell>
                        <Link href={`/referrals/${r.id}`}>{r.organisationName}</Link>
                        <Typography variant="caption" color="text.secondary" component="div">
                          {r.id}
                        </Typography>
                      </TableCell>
                      <TableCell>{r.productName}</TableCell>
                      <TableCell>{dateTime(r.createdAt)}</TableCell>
                      <TableCell>
                        <ReferralStatusChip status={r.status} />
                      </TableCell>
                      <TableCell>
                        <SlaBadge referral={r} dueAt={task?.dueAt} answerDays={answerDays} />
                      </TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        {task ? (
                          <Button
                            size="small"
                            variant="contained"
                            component={Link}
                            href={`/tasks/${task.id}`}
                          >
                            {t('referrals.answer')}
                          </Button>
                        ) : (
                          <Button size="small" component={Link} href={`/referrals/${r.id}`}>
                            {t('cases.view')}
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </ScrollTable>
        )}
      </AsyncView>
    </>
  );
}
