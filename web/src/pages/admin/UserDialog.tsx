/** Create a user in an organisation (the role follows its kind) or edit one (name, e-mail, status, password). */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useApi } from '../../api/ApiContext';
import type { User } from '../../api/types';
import { fieldErrors } from '../../components/fieldErrors';
import { errorMessage } from '../../components/states';
import { useI18n } from '../../i18n/I18nContext';

interface Props {
  organisationId: string;
  existing?: User;
  onClose(): void;
  onSaved(user: User): void;
}

export function UserDialog({ organisationId, existing, onClose, onSaved }: Props) {
  const api = useApi();
  const i18n = useI18n();
  const { t } = i18n;
  const [username, setUsername] = useState(existing?.username ?? '');
  const [displayName, setDisplayName] = useState(existing?.displayName ?? '');
  const [email, setEmail] = useState(existing?.email ?? '');
  const [status, setStatus] = useState(existing?.status ?? 'active');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const fields = fieldErrors(error);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const saved = existing
        ? await api.users.update(existing.id, {
            displayName: displayName.trim(),
            ...(email.trim() ? { email: email.trim() } : {}),
            status,
            ...(password ? { password } : {}),
            version: existing.version,
          })
        : await api.users.create({
            username: username.trim(),
            displayName: displayName.trim(),
            ...(email.trim() ? { email: email.trim() } : {}),
            organisationId,
            password,
          });
      onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="user-dialog-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="user-dialog-title">{existing ? t('users.edit') : t('users.new')}</DialogTitle>
        <DialogContent>
          {error !== undefined && !Object.keys(fields).length && (
            <Alert severity="error" role="alert">
              {errorMessage(i18n, error)}
            </Alert>
          )}
          <TextField
            label={t('users.username')}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            disabled={!!existing}
            required
            fullWidth
            margin="normal"
            autoComplete="off"
            error={!!fields['/username']}
            helperText={fields['/username']}
          />
          <TextField
            label={t('users.displayName')}
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
            required
            fullWidth
            margin="normal"
            error={!!fields['/displayName']}
            helperText={fields['/displayName']}
          />
          <TextField
            label={t('users.email')}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            fullWidth
            margin="normal"
            error={!!fields['/email']}
            helperText={fields['/email']}
          />
          {existing && (
            <TextField
              select
              label={t('common.status')}
              value={status}
              onChange={(e) => setStatus(e.target.value as User['status'])}
              fullWidth
              margin="normal"
            >
              <MenuItem value="active">{t('users.status.active')}</MenuItem>
              <MenuItem value="disabled">{t('users.status.disabled')}</MenuItem>
            </TextField>
          )}
          <TextField
            label={existing ? t('users.newPassword') : t('users.password')}
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required={!existing}
            fullWidth
            margin="normal"
            autoComplete="new-password"
            error={!!fields['/password']}
            helperText={fields['/password'] ?? t('users.passwordHint')}
          />
        </DialogContent>
        {busy && <LinearProgress aria-label={t('common.saving')} />}
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="submit"
            variant="contained"
            disabled={busy || !displayName.trim() || (!existing && (!username.trim() || !password))}
          >
            {busy ? t('common.saving') : t('common.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
