/**
 * The enterprise's green-credit financing requests, newest first: amount, term, purpose, whether consent was
 * given and to how many banks, and how many have answered. A new request starts from the programmes page.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useApi } from '../../api/ApiContext';
import type { Api } from '../../api/endpoints';
import type { CaseSummary } from '../../api/types';
import { stepsOf } from '../../components/cases';
import type { FinancingRequest } from '../../api/lifecycleTypes';
import { PageHeader } from '../../components/PageHeader';
import { AsyncView } from '../../components/states';
import { useAsync } from '../../components/useAsync';
import { ScrollTable } from '../../components/ScrollTable';
import { useI18n } from '../../i18n/I18nContext';
import { Link } from '../../router/router';

function ConsentChip({ r }: { r: FinancingRequest }) {
  const { t } = useI18n();
  if (!r.consent) return <Chip size="small" variant="outlined" label={t('consent.pending')} />;
  if (r.consent.status === 'withdrawn') return <Chip size="small" label={t('consent.statusWithdrawn')} />;
  const live = r.consent.banks.filter((b) => !b.withdrawnAt).length;
  return (
    <Chip size="small" color="primary" variant="outlined" label={t('consent.banksCount', { count: live })} />
  );
}

/**
 * Green-credit cases still running without a recorded request (being filled, or returned with problems): a
 * programme of kind `green-credit` may have any id, so the catalogue says which to look in.
 */
async function inPreparation(api: Api, recorded: ReadonlySet<string>): Promise<CaseSummary[]> {
  const programmes = (await api.programmes.list()).items.filter((p) => p.kind === 'green-credit');
  const pages = await Promise.all(
    programmes.map((p) => api.cases.list({ programmeId: p.id, status: 'running' })),
  );
  return pages.flatMap((p) => p.items).filter((c) => !recorded.has(c.id));
}

function Preparing({ cases }: { cases: CaseSummary[] }) {
  const { t, pick, date } = useI18n();
  return (
    <>
      {cases.map((c) => {
        const step = stepsOf(c)[0];
        return (
          <Alert
            key={c.id}
            severity="info"
            sx={{ mb: 1 }}
            data-testid="financing-preparing"
            action={
              <Button
                color="inherit"
                size="small"
                component={Link}
                href={step ? `/tasks/${step.taskId}` : `/cases/${c.id}`}
              >
                {step ? t('cases.openTask') : t('cases.detail')}
              </Button>
            }
          >
            {t('financing.preparing', {
              date: date(c.createdAt),
              step: step ? pick(step.title) || step.formId || '' : pick(c.stage) || '–',
            })}
          </Alert>
        );
      })}
    </>
  );
}

export function FinancingPage() {
  const api = useApi();
  const { t, number, date } = useI18n();
  const state = useAsync(async () => {
    const requests = await api.referrals.requests();
    const preparing = await inPreparation(api, new Set(requests.items.map((r) => r.caseId))).catch(
      () => [] as CaseSummary[],
    );
    return { ...requests, preparing };
  }, [api]);
  return (
    <>
      <PageHeader
        title={t('financing.title')}
        subtitle={t('financing.intro')}
        actions={
          <Button variant="outlined" component={Link} href="/programmes">
            {t('financing.new')}
          </Button>
        }
      />
      {state.data && <Preparing cases={state.data.preparing} />}
      <AsyncView
        state={state}
        isEmpty={(d) => d.items.length === 0 && d.preparing.length === 0}
        empty={t('financing.empty')}
      >
        {(data) =>
          data.items.length > 0 && (
            <ScrollTable label={t('financing.title')} outlined>
              <Table size="small" aria-label={t('financing.title')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('financing.purpose')}</TableCell>
                    <TableCell align="right">{t('financing.amount')}</TableCell>
                    <TableCell align="right">{t('financing.term')}</TableCell>
                    <TableCell>{t('consent.title')}</TableCell>
                    <TableCell>{t('common.createdAt')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.items.map((r) => (
                    <TableRow key={r.caseId} hover data-testid="financing-row">
                      <TableCell>
                        <Link href={`/financing/${r.caseId}`}>{r.purpose}</Link>
                      </TableCell>
                      <TableCell align="right">
                        {number(r.amount, { unit: t('unit.tenThousandYuan') })}
                      </TableCell>
                      <TableCell align="right">{t('financing.months', { n: r.termMonths })}</TableCell>
                      <TableCell>
                        <ConsentChip r={r} />
                      </TableCell>
                      <TableCell>{date(r.createdAt)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </ScrollTable>
          )
        }
      </AsyncView>
    </>
  );
}
