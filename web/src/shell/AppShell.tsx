/**
 * The frame around every signed-in page: app bar (portal name, language switch, user menu), the role's
 * navigation (a permanent drawer on wide screens, a temporary one on phones) and the main landmark.
 */
import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import AssignmentIcon from '@mui/icons-material/Assignment';
import BusinessIcon from '@mui/icons-material/Business';
import DashboardIcon from '@mui/icons-material/Dashboard';
import DescriptionIcon from '@mui/icons-material/Description';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import HomeIcon from '@mui/icons-material/Home';
import InboxIcon from '@mui/icons-material/Inbox';
import MenuIcon from '@mui/icons-material/Menu';
import NotificationsIcon from '@mui/icons-material/Notifications';
import PlayCircleIcon from '@mui/icons-material/PlayCircleOutline';
import RedeemIcon from '@mui/icons-material/Redeem';
import SchoolIcon from '@mui/icons-material/School';
import TableChartIcon from '@mui/icons-material/TableChart';
import AlarmIcon from '@mui/icons-material/Alarm';
import TranslateIcon from '@mui/icons-material/Translate';
import VerifiedIcon from '@mui/icons-material/Verified';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Drawer from '@mui/material/Drawer';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useState } from 'react';
import type { ReactElement, ReactNode } from 'react';
import { useAuth, useMe } from '../auth/AuthContext';
import { useI18n } from '../i18n/I18nContext';
import { Link, useRouter } from '../router/router';
import { useCapabilities } from './capabilities';
import type { NavIcon } from './navigation';
import { navFor, PORTAL_OF_ROLE } from './navigation';
import { NotificationBell } from './NotificationBell';

const DRAWER_WIDTH = 232;

const ICONS: Record<NavIcon, ReactElement> = {
  home: <HomeIcon />,
  dashboard: <DashboardIcon />,
  programmes: <PlayCircleIcon />,
  cases: <FolderOpenIcon />,
  tasks: <AssignmentIcon />,
  organisations: <BusinessIcon />,
  forms: <DescriptionIcon />,
  workflows: <AccountTreeIcon />,
  certificates: <VerifiedIcon />,
  referrals: <InboxIcon />,
  notifications: <NotificationsIcon />,
  financing: <AccountBalanceIcon />,
  incentives: <RedeemIcon />,
  experts: <SchoolIcon />,
  reference: <TableChartIcon />,
  reminders: <AlarmIcon />,
};

export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <Button
      color="inherit"
      startIcon={<TranslateIcon />}
      onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}
      aria-label={`${t('lang.switch')} · ${t('lang.switchLabel')}`}
      lang={locale === 'zh' ? 'en' : 'zh-CN'}
      data-testid="lang-switch"
    >
      {t('lang.switch')}
    </Button>
  );
}

function isActive(itemPath: string, pathname: string) {
  return itemPath === '/' ? pathname === '/' : pathname === itemPath || pathname.startsWith(itemPath + '/');
}

export function AppShell({ children }: { children: ReactNode }) {
  const me = useMe();
  const { logout } = useAuth();
  const { t } = useI18n();
  const caps = useCapabilities();
  const { location } = useRouter();
  const wide = useMediaQuery('(min-width:900px)', { noSsr: true });
  const [open, setOpen] = useState(false);
  const items = navFor(me.role, caps.has);

  const nav = (
    <Box component="nav" aria-label={t('nav.menu')}>
      <Toolbar />
      <List>
        {items.map((item) => {
          const active = isActive(item.path, location.pathname);
          return (
            <ListItem key={item.label} disablePadding>
              <ListItemButton
                component={Link}
                href={item.path}
                selected={active}
                aria-current={active ? 'page' : undefined}
                onClick={() => setOpen(false)}
              >
                <ListItemIcon sx={{ minWidth: 40 }}>{ICONS[item.icon]}</ListItemIcon>
                <ListItemText primary={t(item.label)} />
              </ListItemButton>
            </ListItem>
          );
        })}
      </List>
    </Box>
  );

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppBar position="fixed" sx={{ zIndex: (th) => th.zIndex.drawer + 1 }}>
        <Toolbar sx={{ gap: 1 }}>
          {!wide && (
            <IconButton
              color="inherit"
              edge="start"
              aria-label={t('nav.openMenu')}
              onClick={() => setOpen(true)}
            >
              <MenuIcon />
            </IconButton>
          )}
          <Typography variant="h6" component="div" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
            {wide ? t('app.name') : t('app.short')}
          </Typography>
          <Chip
            label={t(PORTAL_OF_ROLE[me.role])}
            size="small"
            sx={{ bgcolor: 'rgba(0,0,0,0.28)', color: 'inherit' }}
            data-testid="portal-badge"
          />
          <Box sx={{ flexGrow: 1 }} />
          {caps.has('GET /api/notifications') && <NotificationBell />}
          <LanguageSwitch />
          {wide && (
            <Typography variant="body2" sx={{ mx: 1 }} data-testid="whoami">
              {me.displayName} · {me.organisation.name}
            </Typography>
          )}
          <Button color="inherit" onClick={() => logout()}>
            {t('auth.logout')}
          </Button>
        </Toolbar>
      </AppBar>
      {wide ? (
        <Drawer
          variant="permanent"
          sx={{
            width: DRAWER_WIDTH,
            flexShrink: 0,
            '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' },
          }}
        >
          {nav}
        </Drawer>
      ) : (
        <Drawer
          variant="temporary"
          open={open}
          onClose={() => setOpen(false)}
          ModalProps={{ keepMounted: true }}
        >
          <Box sx={{ width: DRAWER_WIDTH }}>{nav}</Box>
        </Drawer>
      )}
      <Box
        component="main"
        id="main"
        tabIndex={-1}
        sx={{ flexGrow: 1, minWidth: 0, p: { xs: 2, md: 3 }, outline: 'none' }}
      >
        <Toolbar />
        {children}
      </Box>
    </Box>
  );
}
