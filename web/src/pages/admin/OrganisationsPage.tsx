/** Organisations in the administrator's region: filter by kind, page through, create. */
import AddIcon from '@mui/icons-material/Add';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useApi } from '../../api/ApiContext';
import type { Organisation, OrgKind, Page } from '../../api/types';
import { ORG_KINDS } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { RegionName } from '../../components/RegionName';
import { AsyncView, ErrorState } from '../../components/states';
import { useAsync } from '../../components/useAsync';
import { useI18n } from '../../i18n/I18nContext';
import { Link, useRouter } from '../../router/router';
import { OrganisationDialog } from './OrganisationDialog';

export function OrganisationsPage() {
  const api = useApi();
  const { t } = useI18n();
  const { location, navigate } = useRouter();
  const kind = (location.search.get('kind') ?? '') as OrgKind | '';
  const [creating, setCreating] = useState(false);
  const [toast, setToast] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<unknown>(undefined);
  const page = useAsync<Page<Organisation>>(
    () => api.organisations.list({ ...(kind ? { kind } : {}), limit: 50 }),
    [api, kind],
  );

  const loadMore = async () => {
    const cursor = page.data?.cursor;
    if (!cursor) return;
    try {
      const next = await api.organisations.list({ ...(kind ? { kind } : {}), limit: 50, cursor });
      page.setData((prev) => ({ items: [...(prev?.items ?? []), ...next.items], cursor: next.cursor }));
    } catch (e) {
      setMoreError(e);
    }
  };

  return (
    <>
      <PageHeader
        title={t('orgs.title')}
        actions={
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setCreating(true)}>
            {t('orgs.new')}
          </Button>
        }
      />
      <Box sx={{ mb: 2 }}>
        <TextField
          select
          size="small"
          label={t('orgs.filterKind')}
          value={kind}
          onChange={(e) =>
            navigate(e.target.value ? `?kind=${e.target.value}` : location.pathname, { replace: true })
          }
          sx={{ minWidth: 200 }}
        >
          <MenuItem value="">{t('common.all')}</MenuItem>
          {ORG_KINDS.map((k) => (
            <MenuItem key={k} value={k}>
              {t(`kind.${k}`)}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <AsyncView state={page} isEmpty={(d) => d.items.length === 0} empty={t('orgs.empty')}>
        {(data) => (
          <>
            <TableContainer component={Paper} variant="outlined">
              <Table size="small" aria-label={t('orgs.title')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('common.name')}</TableCell>
                    <TableCell>{t('orgs.kind')}</TableCell>
                    <TableCell>{t('orgs.region')}</TableCell>
                    <TableCell>{t('orgs.creditCode')}</TableCell>
                    <TableCell>{t('common.status')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.items.map((o) => (
                    <TableRow key={o.id} hover>
                      <TableCell>
                        <Link href={`/admin/organisations/${o.id}`}>{o.name}</Link>
                      </TableCell>
                      <TableCell>{t(`kind.${o.kind}`)}</TableCell>
                      <TableCell>
                        <RegionName code={o.regionCode} path={o.regionPath} />
                      </TableCell>
                      <TableCell sx={{ fontFamily: 'monospace' }}>{o.profile.creditCode ?? '–'}</TableCell>
                      <TableCell>
                        <Chip
                          size="small"
                          label={t(`orgs.status.${o.status}`)}
                          color={o.status === 'active' ? 'success' : 'default'}
                          variant="outlined"
                        />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
            {moreError !== undefined && <ErrorState error={moreError} onRetry={() => void loadMore()} />}
            {data.cursor && (
              <Box sx={{ mt: 2, textAlign: 'center' }}>
                <Button onClick={() => void loadMore()}>{t('common.more')}</Button>
              </Box>
            )}
          </>
        )}
      </AsyncView>
      {creating && (
        <OrganisationDialog
          open
          onClose={() => setCreating(false)}
          onSaved={(org) => {
            setCreating(false);
            setToast(t('orgs.created'));
            navigate(`/admin/organisations/${org.id}`);
          }}
        />
      )}
      <Snackbar open={!!toast} autoHideDuration={4000} onClose={() => setToast(null)} message={toast} />
    </>
  );
}
