/** The landing page of every portal: who you are, what waits for you, where to go next. */
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { useApi } from '../api/ApiContext';
import type { Role } from '../api/types';
import { useMe } from '../auth/AuthContext';
import { PageHeader } from '../components/PageHeader';
import { ErrorState, Loading } from '../components/states';
import { useAsync } from '../components/useAsync';
import { useI18n } from '../i18n/I18nContext';
import type { MessageKey } from '../i18n/zh';
import { Link } from '../router/router';
import { useCapabilities } from '../shell/capabilities';
import { PORTAL_OF_ROLE } from '../shell/navigation';

const SHORTCUTS: Record<Role, { href: string; label: MessageKey; requires?: string }[]> = {
  admin: [
    { href: '/cases', label: 'home.goCases', requires: 'GET /api/cases' },
    { href: '/admin/organisations', label: 'nav.organisations' },
    { href: '/admin/forms', label: 'nav.forms', requires: 'GET /api/admin/forms' },
    { href: '/admin/workflows', label: 'nav.workflows', requires: 'GET /api/admin/workflows' },
  ],
  enterprise: [
    { href: '/programmes', label: 'home.goProgrammes', requires: 'GET /api/programmes' },
    { href: '/cases', label: 'home.goCases', requires: 'GET /api/cases' },
    { href: '/certificates', label: 'nav.certificates', requires: 'GET /api/certificates' },
    { href: '/financing', label: 'nav.financing', requires: 'GET /api/referrals/requests' },
  ],
  consultant: [
    { href: '/programmes', label: 'home.goProgrammes', requires: 'GET /api/programmes' },
    { href: '/cases', label: 'home.goCases', requires: 'GET /api/cases' },
  ],
  expert: [{ href: '/reviews', label: 'nav.reviews', requires: 'GET /api/tasks' }],
  bank: [{ href: '/referrals', label: 'nav.referrals', requires: 'GET /api/referrals' }],
};

function OpenTasksCard() {
  const api = useApi();
  const { t } = useI18n();
  const tasks = useAsync(() => api.tasks.list(), [api]);
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h2">
          {t('home.openTasks')}
        </Typography>
        {tasks.error !== undefined ? (
          <ErrorState error={tasks.error} onRetry={tasks.reload} />
        ) : tasks.loading ? (
          <Loading />
        ) : (
          <Typography data-testid="open-task-count">
            {tasks.data?.items.length
              ? t('home.openTasksCount', { count: tasks.data.items.length })
              : t('home.noTasks')}
          </Typography>
        )}
      </CardContent>
      <CardActions>
        <Button component={Link} href="/tasks">
          {t('home.goTasks')}
        </Button>
      </CardActions>
    </Card>
  );
}

export function HomePage() {
  const me = useMe();
  const { t } = useI18n();
  const caps = useCapabilities();
  const shortcuts = SHORTCUTS[me.role].filter((s) => !s.requires || caps.has(s.requires));
  return (
    <>
      <PageHeader
        title={t('home.welcome', { name: me.displayName })}
        subtitle={`${t(PORTAL_OF_ROLE[me.role])} · ${t('home.org', { org: me.organisation.name })}`}
      />
      <Grid container spacing={2}>
        {caps.has('GET /api/tasks') && (
          <Grid size={{ xs: 12, md: 6 }}>
            <OpenTasksCard />
          </Grid>
        )}
        <Grid size={{ xs: 12, md: 6 }}>
          <Card variant="outlined">
            <CardContent>
              <Typography variant="h6" component="h2">
                {t('nav.menu')}
              </Typography>
            </CardContent>
            <CardActions sx={{ flexWrap: 'wrap', gap: 1 }}>
              {shortcuts.map((s) => (
                <Button key={s.href + s.label} component={Link} href={s.href} variant="outlined">
                  {t(s.label)}
                </Button>
              ))}
            </CardActions>
          </Card>
        </Grid>
      </Grid>
    </>
  );
}
