/** Sign-in, with the language switch available before signing in. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError } from '../api/client';
import { errorMessage } from '../components/states';
import { useI18n } from '../i18n/I18nContext';
import { LanguageSwitch } from '../shell/AppShell';
import { useAuth } from './AuthContext';

export function LoginPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { login, notice } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t('auth.invalid'));
      else if (err instanceof ApiError && err.status === 429) {
        const seconds = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        setError(t('auth.locked', { seconds: seconds ?? 60 }));
      } else setError(errorMessage(i18n, err));
      setBusy(false);
    }
  };

  return (
    <Box
      component="main"
      sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'background.default', p: 2 }}
    >
      <Paper sx={{ width: '100%', maxWidth: 400, p: 4 }} elevation={3}>
        <Box sx={{ display: 'flex', justifyContent: 'flex-end', color: 'primary.main' }}>
          <LanguageSwitch />
        </Box>
        <Typography variant="h5" component="h1" sx={{ fontWeight: 600 }}>
          {t('app.name')}
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 3 }}>
          {t('auth.subtitle')}
        </Typography>
        {notice === 'expired' && (
          <Alert severity="info" sx={{ mb: 2 }}>
            {t('auth.expired')}
          </Alert>
        )}
        {error && (
          <Alert severity="error" sx={{ mb: 2 }} role="alert">
            {error}
          </Alert>
        )}
        <Box component="form" onSubmit={submit} noValidate aria-label={t('auth.title')}>
          <TextField
            label={t('auth.username')}
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            fullWidth
            required
            margin="normal"
            autoFocus
          />
          <TextField
            label={t('auth.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            fullWidth
            required
            margin="normal"
          />
          <Button
            type="submit"
            variant="contained"
            fullWidth
            size="large"
            sx={{ mt: 2 }}
            disabled={busy || !username || !password}
          >
            {busy ? t('auth.signingIn') : t('auth.submit')}
          </Button>
          {busy && <LinearProgress sx={{ mt: 1 }} aria-label={t('auth.signingIn')} />}
        </Box>
      </Paper>
    </Box>
  );
}
