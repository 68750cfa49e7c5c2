/**
 * Reference tables (D12): every table cpflow decides by — coefficient tables (energy-coefficients,
 * grid-emission-factors), policies, score sheets, reward rules — with its latest published version. A table's page
 * edits its draft as JSON, validates it against the table's schema, publishes it as a new immutable version, compares
 * a version with the draft and rolls back (publishing an old version again). Checklists are forms: the form designer.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ReferenceDraft } from '../../../api/admin';
import { useAdminApi } from '../../../api/admin';
import { ApiError } from '../../../api/client';
import { PageHeader } from '../../../components/PageHeader';
import { AsyncView, ErrorState } from '../../../components/states';
import { useAsync } from '../../../components/useAsync';
import { DiffView } from '../../../designer/DiffView';
import { JsonEditor } from '../../../designer/JsonEditor';
import { parseJson, pretty } from '../../../designer/json';
import { useI18n } from '../../../i18n/I18nContext';
import { Link } from '../../../router/router';

export function ReferenceListPage() {
  const admin = useAdminApi();
  const { t, pick, dateTime } = useI18n();
  const state = useAsync(() => admin.reference.list(), [admin]);
  return (
    <Box>
      <PageHeader title={t('nav.reference')} subtitle={t('mgmt.referenceIntro')} />
      <Alert severity="info" sx={{ mb: 2 }}>
        {t('mgmt.referenceChecklists')} <Link href="/admin/forms">{t('nav.forms')}</Link>
      </Alert>
      <AsyncView state={state} isEmpty={(d) => !d.items.length}>
        {(data) => (
          <TableContainer component={Paper} variant="outlined">
            <Table size="small" aria-label={t('nav.reference')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('common.id')}</TableCell>
                  <TableCell>{t('common.name')}</TableCell>
                  <TableCell align="right">{t('mgmt.latestVersion')}</TableCell>
                  <TableCell>{t('common.updatedAt')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.items.map((r) => (
                  <TableRow key={r.id} data-testid="reference-row">
                    <TableCell>
                      <Link href={`/admin/reference/${r.id}`}>{r.id}</Link>
                    </TableCell>
                    <TableCell>{pick(r.title) || '–'}</TableCell>
                    <TableCell align="right">
                      {r.latestVersion ? `v${r.latestVersion}` : t('mgmt.starterFile')}
                    </TableCell>
                    <TableCell>
                      {dateTime(r.updatedAt)} · {r.updatedBy}
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

function problemsOf(err: unknown): { path: string; message: string }[] {
  return err instanceof ApiError ? err.fieldProblems : [];
}

function Editor({ draft, onSaved }: { draft: ReferenceDraft; onSaved(d: ReferenceDraft): void }) {
  const admin = useAdminApi();
  const { t, dateTime } = useI18n();
  const [text, setText] = useState(() => pretty(draft.content));
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problems, setProblems] = useState<{ path: string; message: string }[]>([]);
  const [error, setError] = useState<unknown>(undefined);
  const [note, setNote] = useState('');
  const [compare, setCompare] = useState<{ n: number; text: string } | null>(null);
  const versions = useAsync(() => admin.reference.versions(draft.id), [admin, draft.id]);
  const parsed = parseJson(text);
  const dirty = text !== pretty(draft.content);

  const run = async (label: string, fn: () => Promise<void>) => {
    setBusy(label);
    setNotice(null);
    setError(undefined);
    setProblems([]);
    try {
      await fn();
    } catch (err) {
      setProblems(problemsOf(err));
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  const validate = () =>
    run('validate', async () => {
      if (!parsed.ok) return;
      const res = await admin.reference.validate(draft.id, parsed.value);
      setProblems(res.problems);
      setNotice(res.valid ? t('mgmt.valid') : null);
    });
  const save = () =>
    run('save', async () => {
      if (!parsed.ok) return;
      const saved = await admin.reference.save(draft.id, parsed.value, draft.version);
      onSaved(saved);
      setText(pretty(saved.content));
      setNotice(t('common.saved'));
    });
  const publish = (fromVersion?: number) =>
    run('publish', async () => {
      const res = await admin.reference.publish(draft.id, note.trim(), fromVersion);
      setNote('');
      versions.reload();
      onSaved({ ...draft, latestVersion: res.version });
      setNotice(t('mgmt.published', { n: res.version }));
    });
  const showDiff = async (n: number) => {
    const v = await admin.reference.version(draft.id, n);
    setCompare({ n, text: pretty(v.content) });
  };

  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, lg: 8 }}>
        <JsonEditor
          label={t('mgmt.draftJson')}
          value={text}
          onChange={setText}
          testId="reference-editor"
          minRows={24}
        />
        {busy ? <LinearProgress sx={{ mt: 1 }} aria-label={t('common.loading')} /> : null}
        {notice ? (
          <Alert severity="success" sx={{ mt: 1 }} data-testid="reference-notice">
            {notice}
          </Alert>
        ) : null}
        {problems.length ? (
          <Alert severity="warning" sx={{ mt: 1 }} data-testid="reference-problems">
            {t('mgmt.problems', { n: problems.length })}
            <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
              {problems.map((p) => (
                <li key={p.path + p.message}>
                  <code>{p.path || '/'}</code> {p.message}
                </li>
              ))}
            </ul>
          </Alert>
        ) : error !== undefined ? (
          <ErrorState error={error} />
        ) : null}
      </Grid>
      <Grid size={{ xs: 12, lg: 4 }}>
        <Box sx={{ display: 'grid', gap: 1 }}>
          <Typography variant="body2" color="text.secondary">
            {t('mgmt.draftVersion', {
              n: draft.version,
              time: dateTime(draft.updatedAt),
              by: draft.updatedBy,
            })}
          </Typography>
          <Button variant="outlined" onClick={() => void validate()} disabled={!!busy || !parsed.ok}>
            {t('mgmt.validate')}
          </Button>
          <Button variant="outlined" onClick={() => void save()} disabled={!!busy || !parsed.ok || !dirty}>
            {t('common.save')}
          </Button>
          <TextField
            label={t('mgmt.changeNote')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            size="small"
          />
          <Button
            variant="contained"
            onClick={() => void publish()}
            disabled={!!busy || dirty}
            data-testid="reference-publish"
          >
            {t('mgmt.publishDraft')}
          </Button>
          {dirty ? (
            <Typography variant="caption" color="text.secondary">
              {t('mgmt.saveBeforePublish')}
            </Typography>
          ) : null}
          <Typography variant="subtitle2" component="h2" sx={{ mt: 2 }}>
            {t('mgmt.versions')}
          </Typography>
          <AsyncView state={versions} isEmpty={(d) => !d.items.length} empty={t('mgmt.noVersions')}>
            {(d) => (
              <Table size="small" aria-label={t('mgmt.versions')}>
                <TableBody>
                  {d.items.map((v) => (
                    <TableRow key={v.number} data-testid="reference-version">
                      <TableCell>
                        v{v.number}
                        <Typography variant="caption" display="block" color="text.secondary">
                          {dateTime(v.publishedAt)} · {v.author}
                          {v.changeNote ? ` · ${v.changeNote}` : ''}
                        </Typography>
                      </TableCell>
                      <TableCell align="right">
                        <Button size="small" onClick={() => void showDiff(v.number)}>
                          {t('mgmt.compare')}
                        </Button>
                        {v.number !== d.items[0]?.number ? (
                          <Button size="small" onClick={() => void publish(v.number)} disabled={!!busy}>
                            {t('mgmt.rollBack')}
                          </Button>
                        ) : null}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </AsyncView>
        </Box>
      </Grid>
      {compare ? (
        <Dialog open onClose={() => setCompare(null)} maxWidth="lg" fullWidth>
          <DialogTitle>{t('mgmt.compareTitle', { n: compare.n })}</DialogTitle>
          <DialogContent>
            <DiffView before={compare.text} after={text} />
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setCompare(null)}>{t('common.close')}</Button>
          </DialogActions>
        </Dialog>
      ) : null}
    </Grid>
  );
}

export function ReferenceTablePage({ id }: { id: string }) {
  const admin = useAdminApi();
  const { t } = useI18n();
  const state = useAsync(() => admin.reference.draft(id), [admin, id]);
  return (
    <Box>
      <PageHeader
        title={id}
        subtitle={state.data ? t('mgmt.latestPublished', { n: state.data.latestVersion }) : undefined}
        back={<Link href="/admin/reference">← {t('nav.reference')}</Link>}
      />
      <AsyncView state={state}>
        {(d) => <Editor key={d.id} draft={d} onSaved={(x) => state.setData(x)} />}
      </AsyncView>
    </Box>
  );
}
