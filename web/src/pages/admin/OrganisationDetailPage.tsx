/** One organisation: its profile, its users, and (for an enterprise) the consultancies it authorised. */
import AddIcon from '@mui/icons-material/Add';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import EditIcon from '@mui/icons-material/Edit';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Snackbar from '@mui/material/Snackbar';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { useApi } from '../../api/ApiContext';
import type { Organisation, User } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { RegionName } from '../../components/RegionName';
import { AsyncView, EmptyState, ErrorState } from '../../components/states';
import { useAsync } from '../../components/useAsync';
import { useI18n } from '../../i18n/I18nContext';
import { Link } from '../../router/router';
import { OrganisationDialog } from './OrganisationDialog';
import { UserDialog } from './UserDialog';

function Field({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Grid size={{ xs: 12, sm: 6, md: 4 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Typography component="div">{value || '–'}</Typography>
    </Grid>
  );
}

function Users({ org }: { org: Organisation }) {
  const api = useApi();
  const { t, dateTime } = useI18n();
  const users = useAsync(() => api.users.list(org.id), [api, org.id]);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  return (
    <Card variant="outlined" sx={{ mt: 2 }}>
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
          <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
            {t('orgs.users')}
          </Typography>
          <Button startIcon={<AddIcon />} onClick={() => setEditing('new')}>
            {t('users.new')}
          </Button>
        </Box>
        <AsyncView state={users} isEmpty={(d) => d.items.length === 0} empty={t('users.empty')}>
          {(data) => (
            <Box sx={{ overflowX: 'auto' }}>
              <Table size="small" aria-label={t('orgs.users')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('users.username')}</TableCell>
                    <TableCell>{t('users.displayName')}</TableCell>
                    <TableCell>{t('users.role')}</TableCell>
                    <TableCell>{t('users.email')}</TableCell>
                    <TableCell>{t('common.status')}</TableCell>
                    <TableCell>{t('common.updatedAt')}</TableCell>
                    <TableCell>
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.items.map((u) => (
                    <TableRow key={u.id}>
                      <TableCell sx={{ fontFamily: 'monospace' }}>{u.username}</TableCell>
                      <TableCell>{u.displayName}</TableCell>
                      <TableCell>{t(`role.${u.role}`)}</TableCell>
                      <TableCell>{u.email ?? '–'}</TableCell>
                      <TableCell>
                        <Chip
                          size="small"
                          variant="outlined"
                          color={u.status === 'active' ? 'success' : 'default'}
                          label={t(`users.status.${u.status}`)}
                        />
                      </TableCell>
                      <TableCell>{dateTime(u.updatedAt)}</TableCell>
                      <TableCell>
                        <IconButton
                          size="small"
                          aria-label={`${t('common.edit')} ${u.username}`}
                          onClick={() => setEditing(u)}
                        >
                          <EditIcon fontSize="small" />
                        </IconButton>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          )}
        </AsyncView>
      </CardContent>
      {editing && (
        <UserDialog
          organisationId={org.id}
          existing={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setToast(editing === 'new' ? t('users.created') : t('users.updated'));
            setEditing(null);
            users.reload();
          }}
        />
      )}
      <Snackbar open={!!toast} autoHideDuration={4000} onClose={() => setToast(null)} message={toast} />
    </Card>
  );
}

function Consultancies({ org }: { org: Organisation }) {
  const api = useApi();
  const { t } = useI18n();
  const state = useAsync(async () => {
    const [granted, all] = await Promise.all([
      api.organisations.consultancies(org.id),
      api.organisations.list({ kind: 'consultancy', limit: 200 }),
    ]);
    return { granted: granted.items, all: all.items };
  }, [api, org.id]);
  const [pick, setPick] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const act = async (fn: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await fn();
      setPick('');
      state.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card variant="outlined" sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {t('orgs.consultancies')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('orgs.consultanciesHint')}
        </Typography>
        {error !== undefined && <ErrorState error={error} />}
        <AsyncView state={state}>
          {({ granted, all }) => {
            const nameOf = (id: string) => all.find((o) => o.id === id)?.name ?? id;
            const candidates = all.filter((o) => !granted.includes(o.id));
            return (
              <>
                {granted.length === 0 ? (
                  <EmptyState>{t('orgs.consultancyNone')}</EmptyState>
                ) : (
                  <List dense>
                    {granted.map((id) => (
                      <ListItem
                        key={id}
                        secondaryAction={
                          <Button
                            color="error"
                            onClick={() => void act(() => api.organisations.revoke(org.id, id))}
                          >
                            {t('orgs.revoke')}
                          </Button>
                        }
                      >
                        <ListItemText primary={nameOf(id)} secondary={id} />
                      </ListItem>
                    ))}
                  </List>
                )}
                {candidates.length > 0 && (
                  <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', mt: 1 }}>
                    <TextField
                      select
                      size="small"
                      label={t('orgs.pickConsultancy')}
                      value={pick}
                      onChange={(e) => setPick(e.target.value)}
                      sx={{ minWidth: 280 }}
                    >
                      {candidates.map((o) => (
                        <MenuItem key={o.id} value={o.id}>
                          {o.name}
                        </MenuItem>
                      ))}
                    </TextField>
                    <Button
                      variant="outlined"
                      disabled={!pick}
                      onClick={() => void act(() => api.organisations.authorise(org.id, pick))}
                    >
                      {t('orgs.authorise')}
                    </Button>
                  </Box>
                )}
              </>
            );
          }}
        </AsyncView>
      </CardContent>
    </Card>
  );
}

export function OrganisationDetailPage({ id }: { id: string }) {
  const api = useApi();
  const { t, dateTime } = useI18n();
  const org = useAsync(() => api.organisations.get(id), [api, id]);
  const [editing, setEditing] = useState(false);
  const [toast, setToast] = useState<string | null>(null);
  return (
    <AsyncView state={org}>
      {(o) => (
        <>
          <PageHeader
            back={
              <Button component={Link} href="/admin/organisations" startIcon={<ArrowBackIcon />} size="small">
                {t('orgs.title')}
              </Button>
            }
            title={o.name}
            subtitle={`${t(`kind.${o.kind}`)} · ${o.id}`}
            actions={
              <Button variant="outlined" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            }
          />
          <Card variant="outlined">
            <CardContent>
              <Grid container spacing={2}>
                <Field
                  label={t('orgs.region')}
                  value={<RegionName code={o.regionCode} path={o.regionPath} />}
                />
                <Field label={t('orgs.creditCode')} value={o.profile.creditCode} />
                <Field label={t('orgs.industryCode')} value={o.profile.industryCode} />
                <Field
                  label={t('orgs.size')}
                  value={o.profile.size ? t(`orgs.size.${o.profile.size}`) : ''}
                />
                <Field label={t('orgs.address')} value={o.profile.address} />
                <Field label={t('orgs.legalRepresentative')} value={o.profile.legalRepresentative} />
                <Field label={t('common.status')} value={t(`orgs.status.${o.status}`)} />
                <Field label={t('common.version')} value={String(o.version)} />
                <Field label={t('common.updatedAt')} value={dateTime(o.updatedAt)} />
              </Grid>
            </CardContent>
          </Card>
          {o.kind === 'enterprise' && <Consultancies org={o} />}
          <Users org={o} />
          {editing && (
            <OrganisationDialog
              open
              existing={o}
              onClose={() => setEditing(false)}
              onSaved={(saved) => {
                setEditing(false);
                org.setData(saved);
                setToast(t('orgs.updated'));
              }}
            />
          )}
          <Snackbar open={!!toast} autoHideDuration={4000} onClose={() => setToast(null)} message={toast} />
        </>
      )}
    </AsyncView>
  );
}
