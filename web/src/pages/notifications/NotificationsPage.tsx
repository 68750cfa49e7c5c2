/**
 * My notifications, newest first (all, or only the unread): each with its message, its case and a link to what
 * it is about; mark one or all read. Opening a notification's link marks it read.
 */
import DoneAllIcon from '@mui/icons-material/DoneAll';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Paper from '@mui/material/Paper';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useApi } from '../../api/ApiContext';
import type { AppNotification, NotificationPage } from '../../api/lifecycleTypes';
import { PageHeader } from '../../components/PageHeader';
import { AsyncView } from '../../components/states';
import { useAsync } from '../../components/useAsync';
import { useI18n } from '../../i18n/I18nContext';
import { Link, useRouter } from '../../router/router';
import { announceNotificationsChanged, safeLink } from './notify';

function Item({ n, onRead }: { n: AppNotification; onRead(n: AppNotification): Promise<void> }) {
  const { t, pick, dateTime } = useI18n();
  const { navigate } = useRouter();
  const link = safeLink(n.link);
  return (
    <ListItem
      divider
      data-testid="notification"
      data-read={n.readAt ? 'true' : 'false'}
      sx={{ display: 'block', bgcolor: n.readAt ? undefined : 'action.hover' }}
    >
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        {!n.readAt && <Chip size="small" color="primary" label={t('notifications.unread')} />}
        <Typography component="h2" variant="subtitle1" sx={{ fontWeight: n.readAt ? 400 : 700, flexGrow: 1 }}>
          {pick(n.title)}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {dateTime(n.createdAt)}
        </Typography>
      </Box>
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        {pick(n.body)}
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, mt: 0.5, flexWrap: 'wrap' }}>
        {link && (
          <Button
            size="small"
            onClick={() => {
              void onRead(n).then(() => navigate(link));
            }}
          >
            {t('common.open')}
          </Button>
        )}
        {n.caseId && (
          <Button size="small" component={Link} href={`/cases/${n.caseId}`}>
            {t('cases.detail')}
          </Button>
        )}
        {!n.readAt && (
          <Button size="small" onClick={() => void onRead(n)}>
            {t('notifications.markRead')}
          </Button>
        )}
      </Box>
    </ListItem>
  );
}

export function NotificationsPage() {
  const api = useApi();
  const { t } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(false);
  // Pages loaded with "more", for the filter they were loaded under.
  const [more, setMore] = useState<{ unreadOnly: boolean; items: AppNotification[]; cursor?: string } | null>(
    null,
  );
  const extra = more?.unreadOnly === unreadOnly ? more : null;
  const state = useAsync(() => api.notifications.list({ unread: unreadOnly }), [api, unreadOnly]);

  const replace = (page: NotificationPage, updated: AppNotification): NotificationPage => ({
    ...page,
    items: page.items.map((x) => (x.id === updated.id ? updated : x)),
    unreadCount: Math.max(0, page.unreadCount - 1),
  });
  const onRead = async (n: AppNotification) => {
    if (n.readAt) return;
    const updated = await api.notifications.markRead(n.id);
    if (state.data) state.setData(replace(state.data, updated));
    setMore((e) => (e ? { ...e, items: e.items.map((x) => (x.id === updated.id ? updated : x)) } : e));
    announceNotificationsChanged();
  };
  const readAll = async () => {
    await api.notifications.markAllRead();
    announceNotificationsChanged();
    setMore(null);
    state.reload();
  };
  const cursor = extra ? extra.cursor : state.data?.cursor;
  const loadMore = async () => {
    if (!cursor) return;
    const page = await api.notifications.list({ unread: unreadOnly, cursor });
    setMore({
      unreadOnly,
      items: [...(extra?.items ?? []), ...page.items],
      ...(page.cursor ? { cursor: page.cursor } : {}),
    });
  };

  return (
    <>
      <PageHeader
        title={t('nav.notifications')}
        subtitle={state.data ? t('notifications.unreadCount', { count: state.data.unreadCount }) : undefined}
        actions={
          <>
            <ToggleButtonGroup
              size="small"
              exclusive
              value={unreadOnly ? 'unread' : 'all'}
              onChange={(_, v: string | null) => v && setUnreadOnly(v === 'unread')}
              aria-label={t('notifications.filter')}
            >
              <ToggleButton value="all">{t('common.all')}</ToggleButton>
              <ToggleButton value="unread">{t('notifications.unread')}</ToggleButton>
            </ToggleButtonGroup>
            <Button
              startIcon={<DoneAllIcon />}
              onClick={() => void readAll()}
              disabled={!state.data?.unreadCount}
              data-testid="mark-all-read"
            >
              {t('notifications.markAll')}
            </Button>
          </>
        }
      />
      <AsyncView state={state} isEmpty={(d) => d.items.length === 0} empty={t('notifications.empty')}>
        {(data) => (
          <Paper variant="outlined">
            <List disablePadding aria-label={t('nav.notifications')}>
              {[...data.items, ...(extra?.items ?? [])].map((n) => (
                <Item key={n.id} n={n} onRead={onRead} />
              ))}
            </List>
            {cursor && (
              <Box sx={{ p: 1, textAlign: 'center' }}>
                <Button onClick={() => void loadMore()}>{t('common.more')}</Button>
              </Box>
            )}
          </Paper>
        )}
      </AsyncView>
    </>
  );
}
