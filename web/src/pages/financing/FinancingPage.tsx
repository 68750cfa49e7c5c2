/**
 * The enterprise's green-credit financing requests, newest first: amount, term, purpose, whether consent was
 * given and to how many banks, and how many have answered. A new request starts from the programmes page.
 */
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useApi } from '../../api/ApiContext';
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

export function FinancingPage() {
  const api = useApi();
  const { t, number, date } = useI18n();
  const state = useAsync(() => api.referrals.requests(), [api]);
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
      <AsyncView state={state} isEmpty={(d) => d.items.length === 0} empty={t('financing.empty')}>
        {(data) => (
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
        )}
      </AsyncView>
    </>
  );
}
