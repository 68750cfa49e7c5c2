/**
 * Published versions of a form or workflow (number, author, time, change note), each comparable with the
 * current draft as a line diff, and a rollback: publishing an old version again as the newest.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
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
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { Page, VersionInfo } from '../api/types';
import { AsyncView, errorMessage, Loading } from '../components/states';
import { useAsync } from '../components/useAsync';
import { useI18n } from '../i18n/I18nContext';
import { DiffView } from './DiffView';

export interface VersionsPanelProps {
  /** Changes whenever something was published, to reload the list. */
  refreshKey: number;
  list(): Promise<Page<VersionInfo>>;
  /** The pretty JSON of version `n`, comparable with `draftText`. */
  versionText(n: number): Promise<string>;
  draftText: string;
  rollback(n: number): Promise<{ version: number }>;
  onRolledBack(version: number): void;
}

function DiffDialog({
  n,
  load,
  draftText,
  onClose,
}: {
  n: number;
  load: () => Promise<string>;
  draftText: string;
  onClose(): void;
}) {
  const { t } = useI18n();
  const text = useAsync(load, [n]);
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="diff-title">
      <DialogTitle id="diff-title">{t('designer.diffTitle', { version: n })}</DialogTitle>
      <DialogContent>
        <AsyncView state={text}>{(before) => <DiffView before={before} after={draftText} />}</AsyncView>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

export function VersionsPanel({
  refreshKey,
  list,
  versionText,
  draftText,
  rollback,
  onRolledBack,
}: VersionsPanelProps) {
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const versions = useAsync(list, [refreshKey]);
  const [diffing, setDiffing] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const doRollback = async (n: number) => {
    setConfirming(null);
    setBusy(true);
    setMessage(null);
    try {
      const r = await rollback(n);
      setMessage({ ok: true, text: t('designer.rolledBack', { version: n, newVersion: r.version }) });
      onRolledBack(r.version);
      versions.reload();
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(i18n, e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography variant="h6" component="h2">
        {t('designer.versions')}
      </Typography>
      {busy && <LinearProgress aria-label={t('designer.publishing')} />}
      {message && (
        <Alert severity={message.ok ? 'success' : 'error'} sx={{ my: 1 }}>
          {message.text}
        </Alert>
      )}
      <AsyncView state={versions} isEmpty={(d) => d.items.length === 0} empty={t('designer.versionsEmpty')}>
        {(data) => (
          <Table size="small" aria-label={t('designer.versions')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('common.version')}</TableCell>
                <TableCell>{t('designer.changeNote')}</TableCell>
                <TableCell>{t('common.updatedAt')}</TableCell>
                <TableCell>
                  <span className="visually-hidden">{t('common.actions')}</span>
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {[...data.items].reverse().map((v) => (
                <TableRow key={v.number} data-testid="version-row">
                  <TableCell>v{v.number}</TableCell>
                  <TableCell>{v.changeNote || '–'}</TableCell>
                  <TableCell>
                    {dateTime(v.publishedAt)}
                    {v.author ? ` · ${v.author}` : ''}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <Button size="small" onClick={() => setDiffing(v.number)}>
                      {t('designer.diff')}
                    </Button>
                    <Button
                      size="small"
                      color="warning"
                      disabled={busy}
                      onClick={() => setConfirming(v.number)}
                    >
                      {t('designer.rollback')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </AsyncView>
      {versions.loading && versions.data && <Loading />}
      {diffing !== null && (
        <DiffDialog
          n={diffing}
          load={() => versionText(diffing)}
          draftText={draftText}
          onClose={() => setDiffing(null)}
        />
      )}
      <Dialog open={confirming !== null} onClose={() => setConfirming(null)}>
        <DialogTitle>{t('designer.rollback')}</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {t('designer.rollbackConfirm', { version: confirming ?? '' })}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(null)}>{t('common.cancel')}</Button>
          <Button
            variant="contained"
            color="warning"
            onClick={() => confirming !== null && void doRollback(confirming)}
          >
            {t('designer.rollback')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
