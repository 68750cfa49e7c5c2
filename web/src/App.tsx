/** Providers, then either the sign-in page or the shell around the current route. */
import Alert from '@mui/material/Alert';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { Suspense, useMemo } from 'react';
import type { Api } from './api/endpoints';
import { ApiProvider } from './api/ApiContext';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { LoginPage } from './auth/LoginPage';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Loading } from './components/states';
import type { Locale } from './i18n/I18nContext';
import { I18nProvider, useI18n } from './i18n/I18nContext';
import { NotFoundPage } from './pages/NotFoundPage';
import { ROUTES } from './routes';
import { matchPath, RouterProvider, useRouter } from './router/router';
import { AppShell } from './shell/AppShell';
import { CapabilitiesProvider } from './shell/capabilities';
import { makeTheme } from './theme';

function CurrentRoute() {
  const { location } = useRouter();
  const { me } = useAuth();
  const { t } = useI18n();
  for (const route of ROUTES) {
    const params = matchPath(route.path, location.pathname);
    if (!params) continue;
    if (route.roles && me && !route.roles.includes(me.role)) return <NotFoundPage />;
    return (
      <ErrorBoundary
        resetKey={location.pathname}
        fallback={(error) => (
          <Alert severity="error" role="alert">
            {t('error.page', { message: error.message })}
          </Alert>
        )}
      >
        <Suspense fallback={<Loading />}>{route.render(params)}</Suspense>
      </ErrorBoundary>
    );
  }
  return <NotFoundPage />;
}

function Gate() {
  const { status } = useAuth();
  if (status === 'checking') return <Loading />;
  if (status === 'signedOut') return <LoginPage />;
  return (
    <CapabilitiesProvider fallback={<Loading />}>
      <AppShell>
        <CurrentRoute />
      </AppShell>
    </CapabilitiesProvider>
  );
}

function Themed() {
  const { locale } = useI18n();
  const theme = useMemo(() => makeTheme(locale), [locale]);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <Gate />
    </ThemeProvider>
  );
}

export function App({ api, locale }: { api: Api; locale?: Locale }) {
  return (
    <I18nProvider initial={locale}>
      <ApiProvider api={api}>
        <RouterProvider>
          <AuthProvider>
            <Themed />
          </AuthProvider>
        </RouterProvider>
      </ApiProvider>
    </I18nProvider>
  );
}
