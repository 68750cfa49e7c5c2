/**
 * Certificates: the enterprise's own (an administrator sees its region's), newest first — number, audit type,
 * grade and score, valid until, days left and status. A certificate within 180 days of expiry is flagged, as the
 * reminders are (T-180 / T-90 / T-30); the renewal round opens at expiry.
 */
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useApi } from '../../api/ApiContext';
import type { Certificate } from '../../api/lifecycleTypes';
import { useMe } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { AsyncView } from '../../components/states';
import { useAsync } from '../../components/useAsync';
import { ScrollTable } from '../../components/ScrollTable';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/zh';
import { Link } from '../../router/router';

const DAY = 24 * 3600 * 1000;
const EXPIRING_DAYS = 180;

/** Whole days from today to the last valid day (`YYYY-MM-DD`), counted in UTC; negative once expired. */
export function daysLeft(validUntil: string, now = Date.now()): number {
  const today = Date.parse(new Date(now).toISOString().slice(0, 10) + 'T00:00:00Z');
  return Math.round((Date.parse(`${validUntil}T00:00:00Z`) - today) / DAY);
}

export type CertificateState = 'valid' | 'expiring' | 'expired' | 'revoked';

export function stateOf(
  c: Pick<Certificate, 'currentStatus' | 'validUntil'>,
  now = Date.now(),
): CertificateState {
  if (c.currentStatus === 'revoked') return 'revoked';
  const left = daysLeft(c.validUntil, now);
  if (c.currentStatus === 'expired' || left < 0) return 'expired';
  return left <= EXPIRING_DAYS ? 'expiring' : 'valid';
}

const COLOR: Record<CertificateState, 'success' | 'warning' | 'error' | 'default'> = {
  valid: 'success',
  expiring: 'warning',
  expired: 'error',
  revoked: 'default',
};

export function CertificatesPage() {
  const api = useApi();
  const me = useMe();
  const { t, pick, number, date } = useI18n();
  const state = useAsync(() => api.certificates.list(), [api]);
  return (
    <>
      <PageHeader title={t('certificates.title')} subtitle={t('certificates.intro')} />
      <AsyncView state={state} isEmpty={(d) => d.items.length === 0} empty={t('certificates.empty')}>
        {(data) => (
          <ScrollTable label={t('certificates.title')} outlined>
            <Table size="small" aria-label={t('certificates.title')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('certificates.number')}</TableCell>
                  {me.role === 'admin' && <TableCell>{t('certificates.holder')}</TableCell>}
                  <TableCell>{t('certificates.programme')}</TableCell>
                  <TableCell>{t('certificates.grade')}</TableCell>
                  <TableCell>{t('certificates.validUntil')}</TableCell>
                  <TableCell align="right">{t('certificates.daysLeft')}</TableCell>
                  <TableCell>{t('common.status')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.items.map((c) => {
                  const s = stateOf(c);
                  const left = daysLeft(c.validUntil);
                  return (
                    <TableRow key={c.id} data-testid="certificate-row">
                      <TableCell>
                        <Link href={`/cases/${c.caseId}`}>
                          <Typography component="span" sx={{ fontFamily: 'monospace' }}>
                            {c.number}
                          </Typography>
                        </Link>
                      </TableCell>
                      {me.role === 'admin' && <TableCell>{c.holderName}</TableCell>}
                      <TableCell>{pick(c.auditType)}</TableCell>
                      <TableCell>
                        {t(`grade.${c.grade}` as MessageKey)} · {number(c.score)}
                      </TableCell>
                      <TableCell>{date(`${c.validUntil}T00:00:00`)}</TableCell>
                      <TableCell align="right" data-testid="days-left">
                        {s === 'revoked'
                          ? '–'
                          : left >= 0
                            ? t('certificates.days', { n: left })
                            : t('certificates.expiredDays', { n: -left })}
                      </TableCell>
                      <TableCell>
                        <Chip
                          size="small"
                          color={COLOR[s]}
                          variant={s === 'valid' ? 'outlined' : 'filled'}
                          label={t(`certificates.state.${s}` as MessageKey)}
                          data-state={s}
                        />
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
