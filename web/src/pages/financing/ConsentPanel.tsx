/**
 * The enterprise's consent for one financing request: which banks may receive which parts of the package, what
 * each bank has done with it, and withdrawal — for the banks chosen, or all. Withdrawing stops every further
 * data flow; a bank that has not answered loses the package (the server decides and reports what changed).
 * Presentational: the page passes the data and the withdraw action.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ConsentBank, FinancingRequest, Referral, Scope } from '../../api/lifecycleTypes';
import { errorMessage } from '../../components/states';
import { ScrollTable } from '../../components/ScrollTable';
import { useI18n } from '../../i18n/I18nContext';
import { Link } from '../../router/router';
import { DecisionChip, ReferralStatusChip } from '../referrals/Answers';

export interface ConsentPanelProps {
  request: Pick<FinancingRequest, 'consent' | 'matches'>;
  referrals: readonly Referral[];
  scopeTitle(scope: Scope): string;
  /** Withdraws for the banks named (none named: all); resolves with what the server changed. Absent: read only. */
  onWithdraw?(
    bankIds: string[],
    reason: string | undefined,
  ): Promise<{ withdrawn: string[]; kept: string[] }>;
}

/** Banks whose consent still holds (the only ones a withdrawal can name). */
export function withdrawable(request: Pick<FinancingRequest, 'consent'>): ConsentBank[] {
  if (request.consent?.status !== 'given') return [];
  return request.consent.banks.filter((b) => !b.withdrawnAt);
}

function WithdrawDialog({
  banks,
  onClose,
  onConfirm,
}: {
  banks: ConsentBank[];
  onClose(): void;
  onConfirm(reason: string | undefined): Promise<void>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(reason.trim() || undefined);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby="withdraw-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="withdraw-title">{t('consent.withdrawTitle')}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t('consent.withdrawExplain')}</DialogContentText>
        <Box component="ul" sx={{ mt: 1 }} data-testid="withdraw-banks">
          {banks.map((b) => (
            <li key={b.bankId}>
              {b.bankName} · {b.productName}
            </li>
          ))}
        </Box>
        <TextField
          label={t('consent.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          fullWidth
          multiline
          minRows={2}
          slotProps={{ htmlInput: { maxLength: 500 } }}
          helperText={t('common.optional')}
        />
        {error !== undefined && (
          <Alert severity="error" sx={{ mt: 2 }} role="alert">
            {errorMessage(i18n, error)}
          </Alert>
        )}
        {busy && <LinearProgress sx={{ mt: 2 }} aria-label={t('consent.withdrawing')} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button
          color="error"
          variant="contained"
          onClick={() => void confirm()}
          disabled={busy}
          data-testid="confirm-withdraw"
        >
          {t('consent.withdraw')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function ConsentPanel({ request, referrals, scopeTitle, onWithdraw }: ConsentPanelProps) {
  const { t, dateTime } = useI18n();
  const [selected, setSelected] = useState<string[]>([]);
  const [confirming, setConfirming] = useState<ConsentBank[] | null>(null);
  const [outcome, setOutcome] = useState<{ withdrawn: string[]; kept: string[] } | null>(null);
  const consent = request.consent;
  if (!consent) {
    return (
      <Alert severity="info" data-testid="consent-none">
        {t('consent.none', { count: request.matches.length })}
      </Alert>
    );
  }
  const open = onWithdraw ? withdrawable(request) : [];
  const byBank = new Map(referrals.map((r) => [r.bankId, r]));
  const nameOf = (id: string) => consent.banks.find((b) => b.bankId === id)?.bankName ?? id;
  const toggle = (id: string) =>
    setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const confirm = async (reason: string | undefined) => {
    const banks = confirming ?? [];
    const all = banks.length === open.length;
    // Naming every bank is the same as withdrawing all; the server reads "none named" as all.
    const result = await onWithdraw!(all ? [] : banks.map((b) => b.bankId), reason);
    setOutcome(result);
    setSelected([]);
    setConfirming(null);
  };
  return (
    <Box data-testid="consent-panel">
      <Typography variant="body2" sx={{ mb: 1 }}>
        {t('consent.given', { who: consent.signedBy, when: dateTime(consent.givenAt) })}
        {consent.status === 'withdrawn' && consent.withdrawnAt
          ? ` ${t('consent.withdrawnAll', { when: dateTime(consent.withdrawnAt) })}`
          : ''}
      </Typography>
      {outcome && (
        <Alert
          severity="success"
          sx={{ mb: 1 }}
          onClose={() => setOutcome(null)}
          data-testid="withdraw-outcome"
        >
          {t('consent.outcome', {
            withdrawn: outcome.withdrawn.map(nameOf).join(t('list.separator')) || t('common.none'),
            kept: outcome.kept.map(nameOf).join(t('list.separator')) || t('common.none'),
          })}
        </Alert>
      )}
      <ScrollTable label={t('consent.title')}>
        <Table size="small" aria-label={t('consent.title')}>
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox">
                <span className="visually-hidden">{t('consent.select')}</span>
              </TableCell>
              <TableCell>{t('consent.bank')}</TableCell>
              <TableCell>{t('referrals.scopes')}</TableCell>
              <TableCell>{t('common.status')}</TableCell>
              <TableCell>{t('consent.latestAnswer')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {consent.banks.map((b) => {
              const r = byBank.get(b.bankId);
              const last = r ? r.answers[r.answers.length - 1] : undefined;
              const canWithdraw = open.includes(b);
              return (
                <TableRow key={b.bankId} data-testid="consent-row" data-bank={b.bankId}>
                  <TableCell padding="checkbox">
                    {canWithdraw && (
                      <Checkbox
                        checked={selected.includes(b.bankId)}
                        onChange={() => toggle(b.bankId)}
                        slotProps={{ input: { 'aria-label': t('consent.selectBank', { bank: b.bankName }) } }}
                      />
                    )}
                  </TableCell>
                  <TableCell>
                    {r ? <Link href={`/referrals/${r.id}`}>{b.bankName}</Link> : b.bankName}
                    <Typography variant="caption" color="text.secondary" component="div">
                      {b.productName}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
                      {b.scopes.map((s) => (
                        <Chip key={s} size="small" variant="outlined" label={scopeTitle(s)} data-scope={s} />
                      ))}
                    </Box>
                  </TableCell>
                  <TableCell>
                    {b.withdrawnAt ? (
                      <Chip
                        size="small"
                        label={t('consent.withdrawnOn', { when: dateTime(b.withdrawnAt) })}
                      />
                    ) : r ? (
                      <ReferralStatusChip status={r.status} />
                    ) : (
                      <Chip size="small" variant="outlined" label={t('consent.notDelivered')} />
                    )}
                  </TableCell>
                  <TableCell>{last ? <DecisionChip decision={last.decision} /> : '–'}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </ScrollTable>
      {open.length > 0 && (
        <Box sx={{ display: 'flex', gap: 1, mt: 1.5, flexWrap: 'wrap' }}>
          <Button
            color="warning"
            variant="outlined"
            disabled={selected.length === 0}
            onClick={() => setConfirming(open.filter((b) => selected.includes(b.bankId)))}
            data-testid="withdraw-selected"
          >
            {t('consent.withdrawSelected', { count: selected.length })}
          </Button>
          <Button color="error" onClick={() => setConfirming(open)} data-testid="withdraw-all">
            {t('consent.withdrawAll')}
          </Button>
        </Box>
      )}
      {confirming && (
        <WithdrawDialog banks={confirming} onClose={() => setConfirming(null)} onConfirm={confirm} />
      )}
    </Box>
  );
}
