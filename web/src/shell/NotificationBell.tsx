/**
 * The bell in the app bar: the unread count (refreshed on every page change, every minute, and when the
 * notifications page marks some read), and a menu of the latest notifications — opening one marks it read and
 * follows its link.
 */
import NotificationsIcon from '@mui/icons-material/Notifications';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import IconButton from '@mui/material/IconButton';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { useApi } from '../api/ApiContext';
import type { AppNotification } from '../api/lifecycleTypes';
import { useAsync } from '../components/useAsync';
import { useI18n } from '../i18n/I18nContext';
import {
  announceNotificationsChanged,
  onNotificationsChanged,
  safeLink,
} from '../pages/notifications/notify';
import { useRouter } from '../router/router';

const LATEST = 8;
const POLL_MS = 60_000;

export function NotificationBell() {
  const api = useApi();
  const { t, pick, dateTime } = useI18n();
  const { location, navigate } = useRouter();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const state = useAsync(() => api.notifications.list({ limit: LATEST }), [api, location.pathname]);
  const { reload } = state;
  useEffect(() => {
    const timer = setInterval(reload, POLL_MS);
    const off = onNotificationsChanged(reload);
    return () => {
      clearInterval(timer);
      off();
    };
  }, [reload]);

  const unread = state.data?.unreadCount ?? 0;
  const more = state.data?.unreadMore ? '+' : '';
  // The badge shows exactly the count the label says, so the button's name contains its visible text.
  const shown = unread > 99 ? '99+' : `${unread}${more}`;
  const label = unread ? t('notifications.bellUnread', { count: shown }) : t('notifications.bell');

  const open = async (n: AppNotification) => {
    setAnchor(null);
    if (!n.readAt) {
      await api.notifications.markRead(n.id).catch(() => undefined);
      announceNotificationsChanged();
    }
    navigate(safeLink(n.link) ?? '/notifications');
  };
  const readAll = async () => {
    await api.notifications.markAllRead().catch(() => undefined);
    announceNotificationsChanged();
  };

  return (
    <>
      <IconButton
        color="inherit"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : undefined}
        onClick={(e) => setAnchor(e.currentTarget)}
        data-testid="notification-bell"
      >
        {/* null, not 0, when all is read: MUI keeps a hidden 0 badge's last text in the DOM, and a stale number
            inside the button is visible text its label ("通知") lacks (axe: label-content-name-mismatch). */}
        <Badge
          badgeContent={unread ? shown : null}
          color="error"
          data-testid="unread-count"
          data-count={unread}
        >
          <NotificationsIcon />
        </Badge>
      </IconButton>
      <Menu
        anchorEl={anchor}
        open={!!anchor}
        onClose={() => setAnchor(null)}
        slotProps={{
          paper: { sx: { width: 360, maxWidth: '95vw' } },
          list: { 'aria-label': t('nav.notifications') },
        }}
      >
        {(state.data?.items ?? []).length === 0 && (
          <MenuItem disabled>
            <Typography variant="body2">{t('notifications.empty')}</Typography>
          </MenuItem>
        )}
        {(state.data?.items ?? []).map((n) => (
          <MenuItem
            key={n.id}
            onClick={() => void open(n)}
            sx={{ whiteSpace: 'normal' }}
            data-testid="bell-item"
          >
            <ListItemText
              primary={pick(n.title)}
              secondary={dateTime(n.createdAt)}
              slotProps={{ primary: { sx: { fontWeight: n.readAt ? 400 : 700 } } }}
            />
          </MenuItem>
        ))}
        <Divider />
        <Box sx={{ display: 'flex', justifyContent: 'space-between', px: 1 }}>
          <Button size="small" onClick={() => void readAll()} disabled={unread === 0}>
            {t('notifications.markAll')}
          </Button>
          <Button
            size="small"
            onClick={() => {
              setAnchor(null);
              navigate('/notifications');
            }}
          >
            {t('notifications.viewAll')}
          </Button>
        </Box>
      </Menu>
    </>
  );
}
