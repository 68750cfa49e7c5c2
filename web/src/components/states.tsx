/** Loading, empty and error states, the same on every page. */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import type { I18n } from '../i18n/I18nContext';
import { useI18n } from '../i18n/I18nContext';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <Box role="status" aria-live="polite" sx={{ display: 'flex', alignItems: 'center', gap: 2, p: 3 }}>
      <CircularProgress size={24} aria-hidden />
      <Typography color="text.secondary">{label ?? t('common.loading')}</Typography>
    </Box>
  );
}

export function EmptyState({ children, action }: { children?: ReactNode; action?: ReactNode }) {
  const { t } = useI18n();
  return (
    <Box sx={{ p: 4, textAlign: 'center', color: 'text.secondary' }} data-testid="empty-state">
      <Typography>{children ?? t('common.empty')}</Typography>
      {action ? <Box sx={{ mt: 2 }}>{action}</Box> : null}
    </Box>
  );
}

/** The message a user should read for an error, in their language. */
export function errorMessage(i18n: Pick<I18n, 't'>, error: unknown): string {
  const { t } = i18n;
  if (error instanceof ApiError) {
    if (error.code === 'NETWORK') return t('error.network');
    if (error.status === 403) return t('error.forbidden');
    if (error.status === 404 && error.code === 'NOT_FOUND' && /^no route/.test(error.message)) {
      return t('error.unavailable');
    }
    if (error.status === 404) return t('error.notFound');
    if (error.code === 'VERSION_CONFLICT') return t('error.conflict');
    return t('error.generic', { message: error.message });
  }
  return t('error.generic', { message: error instanceof Error ? error.message : String(error) });
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const i18n = useI18n();
  return (
    <Alert
      severity="error"
      role="alert"
      action={
        onRetry ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            {i18n.t('common.retry')}
          </Button>
        ) : undefined
      }
      sx={{ my: 2 }}
    >
      <AlertTitle>{i18n.t('error.title')}</AlertTitle>
      {errorMessage(i18n, error)}
    </Alert>
  );
}

/** Renders loading / error / empty / content for an async load. */
export function AsyncView<T>({
  state,
  isEmpty,
  empty,
  children,
}: {
  state: { data: T | undefined; error: unknown; loading: boolean; reload(): void };
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (state.error !== undefined) return <ErrorState error={state.error} onRetry={state.reload} />;
  if (state.loading && state.data === undefined) return <Loading />;
  if (state.data === undefined) return <Loading />;
  if (isEmpty?.(state.data)) return <EmptyState>{empty}</EmptyState>;
  return <>{children(state.data)}</>;
}
