/**
 * The reminder sweep for administrators: past runs (and a run as of a day, for platform administrators), the
 * reminders recorded for a day, and the annual lists (年度名单) of the region with each enterprise's progress
 * against the deadlines the sweep holds it to; a list is recorded with its enterprises and publication day.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { DeadlineList, SweepReport } from '../../../api/admin';
import { useAdminApi } from '../../../api/admin';
import { PageHeader } from '../../../components/PageHeader';
import { AsyncView, ErrorState } from '../../../components/states';
import { useAsync } from '../../../components/useAsync';
import { useI18n } from '../../../i18n/I18nContext';
import { Link, useRouter } from '../../../router/router';
import { ListField, SaveError, splitList } from './common';

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/** `{ certificates: { reminded: [..3], renewals: [] }, tasks: { overdue: [..] } }` → `certificates.reminded 3, …`. */
export function reportCounts(report: SweepReport): [string, number][] {
  const out: [string, number][] = [];
  for (const [section, value] of Object.entries(report)) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (Array.isArray(v)) out.push([`${section}.${k}`, v.length]);
      else if (typeof v === 'number') out.push([`${section}.${k}`, v]);
    }
  }
  return out;
}

function Runs() {
  const admin = useAdminApi();
  const { t, dateTime, number } = useI18n();
  const state = useAsync(() => admin.reminders.runs(), [admin]);
  const [asOf, setAsOf] = useState(today());
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = async () => {
    setRunning(true);
    setError(undefined);
    try {
      await admin.reminders.run(asOf);
      state.reload();
    } catch (err) {
      setError(err);
    } finally {
      setRunning(false);
    }
  };
  return (
    <Box>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <TextField
          type="date"
          label={t('mgmt.sweepAsOf')}
          value={asOf}
          onChange={(e) => setAsOf(e.target.value)}
          size="small"
          slotProps={{ inputLabel: { shrink: true } }}
        />
        <Button variant="contained" onClick={() => void run()} disabled={running || !asOf}>
          {running ? t('mgmt.sweepRunning') : t('mgmt.sweepRun')}
        </Button>
      </Stack>
      {error !== undefined ? <ErrorState error={error} /> : null}
      <AsyncView state={state} isEmpty={(d) => !d.items.length} empty={t('mgmt.noRuns')}>
        {(d) => (
          <TableContainer component={Paper} variant="outlined">
            <Table size="small" aria-label={t('mgmt.runs')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('mgmt.sweepAsOf')}</TableCell>
                  <TableCell>{t('mgmt.sweepFinished')}</TableCell>
                  <TableCell>{t('mgmt.sweepDid')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {d.items.map((r) => (
                  <TableRow key={`${r.asOf}-${String(r.startedAt)}`} data-testid="sweep-run">
                    <TableCell>{r.asOf}</TableCell>
                    <TableCell>
                      {typeof r.finishedAt === 'string' ? dateTime(r.finishedAt) : '–'}
                      {typeof r.by === 'string' ? ` · ${r.by}` : ''}
                    </TableCell>
                    <TableCell>
                      {reportCounts(r)
                        .filter(([, n]) => n > 0)
                        .map(([k, n]) => (
                          <Chip key={k} size="small" label={`${k} ${number(n)}`} sx={{ mr: 0.5, mb: 0.5 }} />
                        ))}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </AsyncView>
    </Box>
  );
}

function Records() {
  const admin = useAdminApi();
  const { t, dateTime } = useI18n();
  const [day, setDay] = useState(today());
  const state = useAsync(() => admin.reminders.records(day), [admin, day]);
  const [moreError, setMoreError] = useState<unknown>(undefined);
  const loadMore = async () => {
    const cursor = state.data?.cursor;
    if (!cursor) return;
    try {
      const next = await admin.reminders.records(day, cursor);
      state.setData((prev) => ({ items: [...(prev?.items ?? []), ...next.items], cursor: next.cursor }));
    } catch (e) {
      setMoreError(e);
    }
  };
  return (
    <Box>
      <TextField
        type="date"
        label={t('mgmt.recordsDay')}
        value={day}
        onChange={(e) => e.target.value && setDay(e.target.value)}
        size="small"
        sx={{ mb: 2 }}
        slotProps={{ inputLabel: { shrink: true } }}
      />
      <AsyncView state={state} isEmpty={(d) => !d.items.length} empty={t('mgmt.noRecords')}>
        {(d) => (
          <TableContainer component={Paper} variant="outlined">
            <Table size="small" aria-label={t('mgmt.records')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('mgmt.recordKind')}</TableCell>
                  <TableCell>{t('mgmt.recordSubject')}</TableCell>
                  <TableCell>{t('mgmt.recordCase')}</TableCell>
                  <TableCell>{t('mgmt.recordNotified')}</TableCell>
                  <TableCell>{t('mgmt.recordAt')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {d.items.map((r) => (
                  <TableRow key={`${String(r.subject)}-${String(r.kind)}-${String(r.offset)}`}>
                    <TableCell>{String(r.kind)}</TableCell>
                    <TableCell>{String(r.subject)}</TableCell>
                    <TableCell>
                      {typeof r.caseId === 'string' ? (
                        <Link href={`/cases/${r.caseId}`}>{r.caseId}</Link>
                      ) : (
                        '–'
                      )}
                    </TableCell>
                    <TableCell>{Array.isArray(r.notified) ? r.notified.length : 0}</TableCell>
                    <TableCell>{typeof r.at === 'string' ? dateTime(r.at) : '–'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </AsyncView>
      {moreError !== undefined && <ErrorState error={moreError} onRetry={() => void loadMore()} />}
      {state.data?.cursor && (
        <Box sx={{ mt: 2, textAlign: 'center' }}>
          <Button onClick={() => void loadMore()}>{t('common.more')}</Button>
        </Box>
      )}
    </Box>
  );
}

function ListDialog({ onClose, onSaved }: { onClose(): void; onSaved(id: string): void }) {
  const admin = useAdminApi();
  const { t } = useI18n();
  const [d, setD] = useState({
    id: '',
    name: '',
    listType: 'mandatory' as 'mandatory' | 'voluntary',
    publishedOn: today(),
    organisationIds: '',
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const { id, organisationIds, ...rest } = d;
      await admin.reminders.putList(id.trim(), { ...rest, organisationIds: splitList(organisationIds) });
      onSaved(id.trim());
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{t('mgmt.listNew')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <TextField
            label={t('mgmt.listId')}
            helperText={t('mgmt.listIdHelp')}
            value={d.id}
            onChange={(e) => setD({ ...d, id: e.target.value })}
            size="small"
            required
          />
          <TextField
            label={t('common.name')}
            value={d.name}
            onChange={(e) => setD({ ...d, name: e.target.value })}
            size="small"
            required
          />
          <Stack direction="row" spacing={2}>
            <TextField
              select
              label={t('mgmt.listType')}
              value={d.listType}
              onChange={(e) => setD({ ...d, listType: e.target.value as 'mandatory' | 'voluntary' })}
              size="small"
              fullWidth
            >
              <MenuItem value="mandatory">{t('mgmt.listMandatory')}</MenuItem>
              <MenuItem value="voluntary">{t('mgmt.listVoluntary')}</MenuItem>
            </TextField>
            <TextField
              type="date"
              label={t('mgmt.listPublishedOn')}
              value={d.publishedOn}
              onChange={(e) => setD({ ...d, publishedOn: e.target.value })}
              size="small"
              fullWidth
              slotProps={{ inputLabel: { shrink: true } }}
            />
          </Stack>
          <ListField
            label={t('mgmt.listEnterprises')}
            helperText={t('mgmt.listEnterprisesHelp')}
            value={d.organisationIds}
            onChange={(v) => setD({ ...d, organisationIds: v })}
          />
        </Stack>
        <SaveError error={error} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button
          variant="contained"
          onClick={() => void save()}
          disabled={saving || !d.id.trim() || !d.name.trim()}
        >
          {saving ? t('common.saving') : t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function ListDetail({ id }: { id: string }) {
  const admin = useAdminApi();
  const { t } = useI18n();
  const state = useAsync(() => admin.reminders.list(id), [admin, id]);
  return (
    <AsyncView state={state}>
      {(l: DeadlineList) => {
        const deadlines = Object.entries((l.deadlines ?? {}) as Record<string, string>);
        return (
          <Box sx={{ mt: 2 }} data-testid="deadline-list">
            <Typography variant="h6" component="h2">
              {l.name}
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {t('mgmt.listPublishedOn')} {l.publishedOn} ·{' '}
              {deadlines.map(([k, v]) => `${t('mgmt.deadline')} ${k}: ${v}`).join(' · ')}
            </Typography>
            <TableContainer component={Paper} variant="outlined">
              <Table size="small" aria-label={l.name}>
                <TableHead>
                  <TableRow>
                    <TableCell>{t('mgmt.listEnterprise')}</TableCell>
                    {deadlines.map(([k]) => (
                      <TableCell key={k}>{k}</TableCell>
                    ))}
                    <TableCell>{t('mgmt.recordCase')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {(l.progress ?? []).map((p) => (
                    <TableRow key={String(p.organisationId)}>
                      <TableCell>{String(p.name ?? p.organisationId)}</TableCell>
                      {deadlines.map(([k]) => (
                        <TableCell key={k}>
                          {p[k] ? (
                            <Chip size="small" color="success" label={t('mgmt.done')} />
                          ) : (
                            <Chip size="small" label={t('mgmt.notYet')} />
                          )}
                        </TableCell>
                      ))}
                      <TableCell>
                        {typeof p.caseId === 'string' ? (
                          <Link href={`/cases/${p.caseId}`}>{p.caseId}</Link>
                        ) : (
                          '–'
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          </Box>
        );
      }}
    </AsyncView>
  );
}

function Lists() {
  const admin = useAdminApi();
  const { t } = useI18n();
  const state = useAsync(() => admin.reminders.lists(), [admin]);
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  return (
    <Box>
      <Button variant="outlined" onClick={() => setCreating(true)} sx={{ mb: 2 }}>
        {t('mgmt.listNew')}
      </Button>
      <AsyncView state={state} isEmpty={(d) => !d.items.length} empty={t('mgmt.noLists')}>
        {(d) => (
          <TableContainer component={Paper} variant="outlined">
            <Table size="small" aria-label={t('mgmt.lists')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('common.name')}</TableCell>
                  <TableCell>{t('mgmt.listPublishedOn')}</TableCell>
                  <TableCell>{t('common.actions')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {d.items.map((l) => (
                  <TableRow key={l.id} selected={open === l.id}>
                    <TableCell>{l.name}</TableCell>
                    <TableCell>{l.publishedOn}</TableCell>
                    <TableCell>
                      <Button size="small" onClick={() => setOpen(l.id)}>
                        {t('mgmt.listProgress')}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </AsyncView>
      {open ? <ListDetail id={open} /> : null}
      {creating ? (
        <ListDialog
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            state.reload();
            setOpen(id);
          }}
        />
      ) : null}
    </Box>
  );
}

const TABS = ['runs', 'records', 'lists'] as const;

export default function RemindersPage() {
  const { t } = useI18n();
  const { location, navigate } = useRouter();
  const tab = (TABS as readonly string[]).includes(location.search.get('tab') ?? '')
    ? (location.search.get('tab') as (typeof TABS)[number])
    : 'runs';
  return (
    <Box>
      <PageHeader title={t('nav.reminders')} subtitle={t('mgmt.remindersIntro')} />
      <Tabs
        value={tab}
        onChange={(_e, v: string) => navigate(`/admin/reminders?tab=${v}`, { replace: true })}
        sx={{ mb: 2 }}
      >
        <Tab value="runs" label={t('mgmt.runs')} />
        <Tab value="records" label={t('mgmt.records')} />
        <Tab value="lists" label={t('mgmt.lists')} />
      </Tabs>
      {tab === 'runs' ? <Runs /> : tab === 'records' ? <Records /> : <Lists />}
    </Box>
  );
}
