/**
 * Cases the user may see (scoped by the server: an enterprise its own, a consultant its clients', an expert
 * its reviews, a bank its referrals, an administrator its region), filtered by programme, status, district and
 * industry, with what each waits on and since when. The "stuck" view puts the longest waits first.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useApi } from '../../api/ApiContext';
import type { CaseSummary } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { assigneeText, stepsOf } from '../../components/cases';
import { CaseStatusChip } from '../../components/chips';
import { PageHeader } from '../../components/PageHeader';
import { AsyncView, ErrorState } from '../../components/states';
import { useAsync } from '../../components/useAsync';
import { useI18n } from '../../i18n/I18nContext';
import { Link, useRouter } from '../../router/router';

const STATUSES = ['running', 'completed', 'failed', 'stopped'] as const;
const DAY = 24 * 3600 * 1000;

function waitingSince(c: CaseSummary): number | undefined {
  const first = stepsOf(c)[0];
  return first?.openedAt ? new Date(first.openedAt).getTime() : undefined;
}

export function CasesPage() {
  const api = useApi();
  const me = useMe();
  const i18n = useI18n();
  const { t, pick, dateTime, number } = i18n;
  const { location, navigate } = useRouter();
  const q = location.search;
  const filter = {
    programmeId: q.get('programmeId') ?? '',
    status: q.get('status') ?? '',
    district: q.get('district') ?? '',
    industry: q.get('industry') ?? '',
  };
  const stuck = q.get('view') === 'stuck';
  const [form, setForm] = useState(filter);
  const [moreError, setMoreError] = useState<unknown>(undefined);
  // Waiting times are measured from when the page opened.
  const [now] = useState(() => Date.now());

  const programmes = useAsync(
    () =>
      (me.role === 'admin' ? api.programmesAdmin.list() : api.programmes.list()).catch(() => ({ items: [] })),
    [api, me.role],
  );
  const query = { ...filter, ...(stuck ? { status: 'running' } : {}), limit: 50 };
  const cases = useAsync(() => api.cases.list(query), [api, location.search.toString()]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) if (v) params.set(k, v);
    if (stuck) params.set('view', 'stuck');
    navigate(`/cases?${params.toString()}`, { replace: true });
  };
  const setView = (view: string | null) => {
    const params = new URLSearchParams(location.search);
    if (view === 'stuck') params.set('view', 'stuck');
    else params.delete('view');
    navigate(`/cases?${params.toString()}`, { replace: true });
  };
  const loadMore = async () => {
    if (!cases.data?.cursor) return;
    try {
      const next = await api.cases.list({ ...query, cursor: cases.data.cursor });
      cases.setData((prev) => ({ items: [...(prev?.items ?? []), ...next.items], cursor: next.cursor }));
    } catch (e) {
      setMoreError(e);
    }
  };

  const rows = (items: CaseSummary[]) =>
    stuck
      ? [...items]
          .filter((c) => waitingSince(c) !== undefined)
          .sort((a, b) => (waitingSince(a) ?? 0) - (waitingSince(b) ?? 0))
      : items;
  const showOrg = me.role !== 'enterprise';

  return (
    <>
      <PageHeader
        title={me.role === 'enterprise' || me.role === 'consultant' ? t('nav.myCases') : t('cases.title')}
        actions={
          <ToggleButtonGroup
            size="small"
            exclusive
            value={stuck ? 'stuck' : 'all'}
            onChange={(_, v: string | null) => setView(v)}
            aria-label={t('cases.stuck')}
          >
            <ToggleButton value="all">{t('cases.allView')}</ToggleButton>
            <ToggleButton value="stuck">{t('cases.stuck')}</ToggleButton>
          </ToggleButtonGroup>
        }
      />
      <Box
        component="form"
        onSubmit={apply}
        sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 2, alignItems: 'center' }}
        aria-label={t('cases.filter.apply')}
      >
        <TextField
          select
          size="small"
          label={t('cases.filter.programme')}
          value={form.programmeId}
          onChange={(e) => setForm({ ...form, programmeId: e.target.value })}
          sx={{ minWidth: 200 }}
        >
          <MenuItem value="">{t('common.all')}</MenuItem>
          {(programmes.data?.items ?? []).map((p) => (
            <MenuItem key={p.id} value={p.id}>
              {pick(p.title)}
            </MenuItem>
          ))}
        </TextField>
        {!stuck && (
          <TextField
            select
            size="small"
            label={t('cases.filter.status')}
            value={form.status}
            onChange={(e) => setForm({ ...form, status: e.target.value })}
            sx={{ minWidth: 140 }}
          >
            <MenuItem value="">{t('common.all')}</MenuItem>
            {STATUSES.map((s) => (
              <MenuItem key={s} value={s}>
                {t(`cases.status.${s}`)}
              </MenuItem>
            ))}
          </TextField>
        )}
        {me.role === 'admin' && (
          <>
            <TextField
              size="small"
              label={t('cases.filter.district')}
              value={form.district}
              onChange={(e) => setForm({ ...form, district: e.target.value })}
              sx={{ width: 140 }}
            />
            <TextField
              size="small"
              label={t('cases.filter.industry')}
              value={form.industry}
              onChange={(e) => setForm({ ...form, industry: e.target.value })}
              sx={{ width: 140 }}
            />
          </>
        )}
        <Button type="submit" variant="outlined">
          {t('cases.filter.apply')}
        </Button>
      </Box>
      {stuck && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {t('cases.stuckHint')}
        </Typography>
      )}
      <AsyncView state={cases} isEmpty={(d) => rows(d.items).length === 0} empty={t('cases.empty')}>
        {(data) => (
          <>
            {cases.loading && <LinearProgress aria-label={t('common.loading')} />}
            <TableContainer component={Paper} variant="outlined">
              <Table size="small" aria-label={t('cases.title')}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('cases.programme')}</TableCell>
                    {showOrg && <TableCell>{t('cases.organisation')}</TableCell>}
                    <TableCell>{t('cases.stage')}</TableCell>
                    <TableCell>{t('common.status')}</TableCell>
                    <TableCell>{t('cases.waitingOn')}</TableCell>
                    <TableCell>{t('cases.started')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows(data.items).map((c) => {
                    const step = stepsOf(c)[0];
                    const since = waitingSince(c);
                    return (
                      <TableRow key={c.id} hover data-testid="case-row">
                        <TableCell>
                          <Link href={`/cases/${c.id}`}>{pick(c.programmeTitle) || c.programmeId}</Link>
                        </TableCell>
                        {showOrg && <TableCell>{c.organisationName ?? c.organisationId}</TableCell>}
                        <TableCell>{pick(c.stage) || '–'}</TableCell>
                        <TableCell>
                          <CaseStatusChip status={c.status} />
                        </TableCell>
                        <TableCell>
                          {step && since !== undefined
                            ? t('cases.waitingSince', {
                                who: assigneeText(i18n, step.assignee),
                                since: `${dateTime(step.openedAt)} (${number((now - since) / DAY, { maximumFractionDigits: 1, unit: t('unit.days') })})`,
                              })
                            : '–'}
                        </TableCell>
                        <TableCell>{dateTime(c.createdAt)}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </TableContainer>
            {moreError !== undefined && <ErrorState error={moreError} />}
            {data.cursor && (
              <Box sx={{ mt: 2, textAlign: 'center' }}>
                <Button onClick={() => void loadMore()}>{t('common.more')}</Button>
              </Box>
            )}
          </>
        )}
      </AsyncView>
    </>
  );
}
