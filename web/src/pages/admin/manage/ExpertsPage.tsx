/**
 * The expert pool (专家库) of the administrator's region: each expert's fields (industries, specialities), whether
 * available (active / on leave) and able to lead, declared conflicts and outside history, and the panels the
 * platform drew them for. Profiles are created for expert users (their user id) and changed with the version read.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ExpertInput, ExpertProfile } from '../../../api/admin';
import { useAdminApi } from '../../../api/admin';
import { PageHeader } from '../../../components/PageHeader';
import { AsyncView } from '../../../components/states';
import { useAsync } from '../../../components/useAsync';
import { useI18n } from '../../../i18n/I18nContext';
import { Link } from '../../../router/router';
import { ListField, SaveError, splitList } from './common';

interface Draft {
  userId: string;
  name: string;
  industries: string;
  specialities: string;
  region: string;
  employerOrgId: string;
  employerName: string;
  title: string;
  canLead: boolean;
  status: 'active' | 'on-leave';
  declaredConflicts: string;
  history: ExpertProfile['history'];
  version?: number;
}

const draftOf = (p?: ExpertProfile): Draft => ({
  userId: p?.userId ?? '',
  name: p?.name ?? '',
  industries: (p?.industries ?? []).join(', '),
  specialities: (p?.specialities ?? []).join(', '),
  region: p?.region ?? '',
  employerOrgId: p?.employerOrgId ?? '',
  employerName: p?.employerName ?? '',
  title: p?.title ?? '',
  canLead: p?.canLead ?? false,
  status: p?.status ?? 'active',
  declaredConflicts: (p?.declaredConflicts ?? []).join(', '),
  history: p?.history ?? [],
  ...(p ? { version: p.version } : {}),
});

function inputOf(d: Draft): ExpertInput {
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  return {
    ...(opt(d.name) ? { name: d.name.trim() } : {}),
    industries: splitList(d.industries),
    specialities: splitList(d.specialities),
    ...(opt(d.region) ? { region: d.region.trim() } : {}),
    ...(opt(d.employerOrgId) ? { employerOrgId: d.employerOrgId.trim() } : {}),
    ...(opt(d.employerName) ? { employerName: d.employerName.trim() } : {}),
    ...(opt(d.title) ? { title: d.title.trim() } : {}),
    canLead: d.canLead,
    status: d.status,
    declaredConflicts: splitList(d.declaredConflicts),
    history: d.history,
    ...(d.version !== undefined ? { version: d.version } : {}),
  } as ExpertInput;
}

function ExpertDialog({
  profile,
  onClose,
  onSaved,
}: {
  profile?: ExpertProfile;
  onClose(): void;
  onSaved(p: ExpertProfile): void;
}) {
  const admin = useAdminApi();
  const { t, date } = useI18n();
  const [d, setD] = useState(() => draftOf(profile));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const detail = useAsync(
    () => (profile ? admin.experts.get(profile.userId) : Promise.resolve(undefined)),
    [admin, profile?.userId],
  );
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      onSaved(await admin.experts.save(d.userId.trim(), inputOf(d)));
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  const assignments = (detail.data?.assignments ?? []) as { caseId: string; panel: string; at: string }[];
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>
        {profile ? t('mgmt.expertEdit', { name: profile.name }) : t('mgmt.expertNew')}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          {!profile ? (
            <TextField
              label={t('mgmt.expertUserId')}
              helperText={t('mgmt.expertUserIdHelp')}
              value={d.userId}
              onChange={(e) => set('userId', e.target.value)}
              size="small"
              required
            />
          ) : null}
          <TextField
            label={t('common.name')}
            value={d.name}
            onChange={(e) => set('name', e.target.value)}
            size="small"
          />
          <ListField
            label={t('mgmt.expertIndustries')}
            helperText={t('mgmt.expertIndustriesHelp')}
            value={d.industries}
            onChange={(v) => set('industries', v)}
          />
          <ListField
            label={t('mgmt.expertSpecialities')}
            value={d.specialities}
            onChange={(v) => set('specialities', v)}
          />
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField
              label={t('mgmt.expertTitle')}
              value={d.title}
              onChange={(e) => set('title', e.target.value)}
              size="small"
              fullWidth
            />
            <TextField
              label={t('mgmt.expertRegion')}
              value={d.region}
              onChange={(e) => set('region', e.target.value)}
              size="small"
              fullWidth
            />
          </Stack>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField
              label={t('mgmt.expertEmployer')}
              value={d.employerName}
              onChange={(e) => set('employerName', e.target.value)}
              size="small"
              fullWidth
            />
            <TextField
              label={t('mgmt.expertEmployerId')}
              value={d.employerOrgId}
              onChange={(e) => set('employerOrgId', e.target.value)}
              size="small"
              fullWidth
            />
          </Stack>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <TextField
              select
              label={t('mgmt.expertAvailability')}
              value={d.status}
              onChange={(e) => set('status', e.target.value as Draft['status'])}
              size="small"
              sx={{ minWidth: 180 }}
            >
              <MenuItem value="active">{t('mgmt.expertActive')}</MenuItem>
              <MenuItem value="on-leave">{t('mgmt.expertOnLeave')}</MenuItem>
            </TextField>
            <FormControlLabel
              control={<Switch checked={d.canLead} onChange={(e) => set('canLead', e.target.checked)} />}
              label={t('mgmt.expertCanLead')}
            />
          </Stack>
          <ListField
            label={t('mgmt.expertConflicts')}
            helperText={t('mgmt.expertConflictsHelp')}
            value={d.declaredConflicts}
            onChange={(v) => set('declaredConflicts', v)}
          />
          {d.history.length ? (
            <Box>
              <Typography variant="subtitle2">{t('mgmt.expertHistory')}</Typography>
              {d.history.map((h, i) => (
                <Typography variant="body2" key={`${h.organisationId}-${h.date}-${i}`}>
                  {date(h.date)} · {h.kind === 'review' ? t('mgmt.expertReview') : t('mgmt.expertAdvisory')} ·{' '}
                  {h.organisationId} {h.note ?? ''}
                </Typography>
              ))}
            </Box>
          ) : null}
          {profile ? (
            <Box>
              <Typography variant="subtitle2">{t('mgmt.expertAssignments')}</Typography>
              {assignments.length ? (
                assignments.map((a) => (
                  <Typography variant="body2" key={`${a.caseId}-${a.panel}`}>
                    <Link href={`/cases/${a.caseId}`}>{a.caseId}</Link> · {a.panel} · {date(a.at)}
                  </Typography>
                ))
              ) : (
                <Typography variant="body2" color="text.secondary">
                  {t('common.none')}
                </Typography>
              )}
            </Box>
          ) : null}
        </Stack>
        <SaveError error={error} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={saving || !d.userId.trim()}>
          {saving ? t('common.saving') : t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export default function ExpertsPage() {
  const admin = useAdminApi();
  const { t, date } = useI18n();
  const state = useAsync(() => admin.experts.list(), [admin]);
  const [editing, setEditing] = useState<ExpertProfile | 'new' | null>(null);
  const saved = (p: ExpertProfile) => {
    state.setData((prev) => {
      const items = prev?.items ?? [];
      const has = items.some((x) => x.userId === p.userId);
      return { ...prev, items: has ? items.map((x) => (x.userId === p.userId ? p : x)) : [...items, p] };
    });
    setEditing(null);
  };
  return (
    <Box>
      <PageHeader
        title={t('nav.experts')}
        subtitle={t('mgmt.expertsIntro')}
        actions={
          <Button variant="contained" onClick={() => setEditing('new')}>
            {t('mgmt.expertNew')}
          </Button>
        }
      />
      <AsyncView state={state} isEmpty={(d) => !d.items.length}>
        {(data) => (
          <TableContainer component={Paper} variant="outlined">
            <Table size="small" aria-label={t('nav.experts')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('common.name')}</TableCell>
                  <TableCell>{t('mgmt.expertIndustries')}</TableCell>
                  <TableCell>{t('mgmt.expertSpecialities')}</TableCell>
                  <TableCell>{t('mgmt.expertAvailability')}</TableCell>
                  <TableCell>{t('mgmt.expertConflicts')}</TableCell>
                  <TableCell>{t('common.updatedAt')}</TableCell>
                  <TableCell>{t('common.actions')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.items.map((p) => (
                  <TableRow key={p.userId} data-testid="expert-row">
                    <TableCell>
                      {p.name}
                      {p.canLead ? <Chip size="small" label={t('mgmt.expertLeader')} sx={{ ml: 1 }} /> : null}
                      <Typography variant="caption" display="block" color="text.secondary">
                        {[p.title, p.employerName].filter(Boolean).join(' · ')}
                      </Typography>
                    </TableCell>
                    <TableCell>{p.industries.join(', ')}</TableCell>
                    <TableCell>{p.specialities.join(', ')}</TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        color={p.status === 'active' ? 'success' : 'default'}
                        label={p.status === 'active' ? t('mgmt.expertActive') : t('mgmt.expertOnLeave')}
                      />
                    </TableCell>
                    <TableCell>{p.declaredConflicts.length || t('common.none')}</TableCell>
                    <TableCell>{date(p.updatedAt)}</TableCell>
                    <TableCell>
                      <Button size="small" onClick={() => setEditing(p)}>
                        {t('common.edit')}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </AsyncView>
      {editing ? (
        <ExpertDialog
          profile={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={saved}
        />
      ) : null}
    </Box>
  );
}
