/** Claim, release, transfer and remind (催办) for one task, as the user's access allows. */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Snackbar from '@mui/material/Snackbar';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useApi } from '../../api/ApiContext';
import type { TaskSummary } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { errorMessage } from '../../components/states';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/zh';

export function TaskActions({ task, onChanged }: { task: TaskSummary; onChanged(): void }) {
  const api = useApi();
  const me = useMe();
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  const [toast, setToast] = useState<string | null>(null);
  const [transferring, setTransferring] = useState(false);
  const [target, setTarget] = useState('');
  if (task.status !== 'open') return null;

  const run = async (fn: () => Promise<unknown>, ok: MessageKey) => {
    setBusy(true);
    try {
      await fn();
      setToast(t(ok));
      onChanged();
    } catch (e) {
      setToast(errorMessage(i18n, e));
    } finally {
      setBusy(false);
    }
  };

  const acts = task.access === 'act';
  const mine = task.claimedBy === me.id;
  const canRemind = (me.role === 'admin' || me.role === 'enterprise') && !acts;
  return (
    <>
      {acts && !task.claimedBy && (
        <Button disabled={busy} onClick={() => void run(() => api.tasks.claim(task.id), 'tasks.claimed')}>
          {t('tasks.claim')}
        </Button>
      )}
      {acts && mine && (
        <Button disabled={busy} onClick={() => void run(() => api.tasks.release(task.id), 'tasks.released')}>
          {t('tasks.release')}
        </Button>
      )}
      {acts && (
        <Button disabled={busy} onClick={() => setTransferring(true)}>
          {t('tasks.transfer')}
        </Button>
      )}
      {canRemind && (
        <Button disabled={busy} onClick={() => void run(() => api.tasks.remind(task.id), 'tasks.reminded')}>
          {t('tasks.remind')}
        </Button>
      )}
      <Dialog open={transferring} onClose={() => setTransferring(false)} aria-labelledby="transfer-title">
        <DialogTitle id="transfer-title">{t('tasks.transfer')}</DialogTitle>
        <DialogContent>
          <TextField
            label={t('tasks.transferTo')}
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            fullWidth
            margin="dense"
            autoFocus
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setTransferring(false)}>{t('common.cancel')}</Button>
          <Button
            variant="contained"
            disabled={!target.trim() || busy}
            onClick={() => {
              setTransferring(false);
              void run(() => api.tasks.transfer(task.id, target.trim()), 'tasks.transferred');
            }}
          >
            {t('tasks.transfer')}
          </Button>
        </DialogActions>
      </Dialog>
      <Snackbar open={!!toast} autoHideDuration={4000} onClose={() => setToast(null)} message={toast} />
    </>
  );
}
