/**
 * One task: its form on JSON Forms, the draft saved automatically 1.5 s after the last change, and submission
 * with the server's 422 problems placed on their fields (and listed above the form). A consultant drafts; the
 * enterprise submits; others may only view.
 */
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import SendIcon from '@mui/icons-material/Send';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Typography from '@mui/material/Typography';
import type { ErrorObject } from 'ajv';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError } from '../../api/client';
import type { FieldProblem } from '../../api/client';
import { useApi } from '../../api/ApiContext';
import type { TaskDetail } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { DueChip } from '../../components/chips';
import { PageHeader } from '../../components/PageHeader';
import { AsyncView, errorMessage } from '../../components/states';
import { useAsync } from '../../components/useAsync';
import { useFileDownload } from '../../forms/downloads';
import { dictionaryFor } from '../../forms/formI18n';
import { FormView } from '../../forms/FormView';
import { createFlushRegistry } from '../../forms/renderers/common';
import type { FormServices } from '../../forms/renderers/common';
import { stillStanding } from '../../forms/serverErrors';
import { useI18n } from '../../i18n/I18nContext';
import { Link, useRouter } from '../../router/router';
import { taskAside } from './TaskAside';
import { TaskActions } from './TaskActions';

const AUTOSAVE_MS = 1500;

type SaveState =
  | { status: 'idle' }
  | { status: 'dirty' }
  | { status: 'saving' }
  | { status: 'saved'; at: string }
  | { status: 'failed'; error: unknown };

/** A field's label for a JSON pointer, from the form's texts (`/a/0/b` → `a.b.label`), else the pointer. */
function labelFor(dict: Record<string, string>, path: string): string {
  const key = path
    .split('/')
    .filter((s) => s && !/^\d+$/.test(s))
    .join('.');
  const row = path.match(/\/(\d+)\//)?.[1];
  const label = dict[`${key}.label`];
  return label ? `${label}${row !== undefined ? ` #${Number(row) + 1}` : ''}` : path;
}

/** The form, with what it is about beside it on wide screens (above it on phones) when there is an aside. */
function WithAside({ aside, children }: { aside: ReactNode; children: ReactNode }) {
  if (!aside) return <>{children}</>;
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, lg: 6 }} sx={{ order: { xs: 2, lg: 1 } }}>
        {children}
      </Grid>
      <Grid size={{ xs: 12, lg: 6 }} sx={{ order: { xs: 1, lg: 2 } }}>
        <Paper variant="outlined" component="aside" sx={{ p: { xs: 1.5, md: 2 } }}>
          {aside}
        </Paper>
      </Grid>
    </Grid>
  );
}

function TaskForm({ task, onChanged }: { task: TaskDetail; onChanged(): void }) {
  const api = useApi();
  const me = useMe();
  const i18n = useI18n();
  const { t, pick, locale } = i18n;
  const { navigate } = useRouter();
  const open = task.status === 'open';
  const canEdit = open && (task.access === 'act' || task.access === 'draft');
  const canSubmit = open && task.access === 'act' && (!task.claimedBy || task.claimedBy === me.id);

  const [data, setData] = useState<unknown>(() => task.draft?.data ?? task.prefill ?? {});
  const latest = useRef(data);
  const [save, setSave] = useState<SaveState>(() =>
    task.draft?.savedAt ? { status: 'saved', at: task.draft.savedAt } : { status: 'idle' },
  );
  const [problems, setProblems] = useState<{ list: FieldProblem[]; submitted: unknown } | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const [clientErrors, setClientErrors] = useState<readonly ErrorObject[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(undefined);
  const [done, setDone] = useState(false);

  const registry = useMemo(() => createFlushRegistry(), []);
  const download = useFileDownload();
  const services = useMemo<FormServices>(
    () => ({
      upload: (file, onProgress) => api.files.upload(file, onProgress, task.caseId),
      registerFlush: registry.register,
      download,
    }),
    [api, registry, download, task.caseId],
  );

  // Autosave: 1.5 s after the last change; one save in flight at a time.
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saving = useRef<Promise<void> | null>(null);
  const saveNow = useCallback(async () => {
    clearTimeout(timer.current);
    if (saving.current) await saving.current;
    const snapshot = latest.current;
    setSave({ status: 'saving' });
    const run = api.tasks
      .saveDraft(task.id, snapshot)
      .then((r) => {
        setSave(latest.current === snapshot ? { status: 'saved', at: r.savedAt } : { status: 'dirty' });
      })
      .catch((error: unknown) => setSave({ status: 'failed', error }));
    saving.current = run;
    await run;
    saving.current = null;
  }, [api, task.id]);

  const onChange = useCallback(
    (next: unknown, errors: readonly ErrorObject[]) => {
      setClientErrors(errors);
      if (next === latest.current) return;
      latest.current = next;
      setData(next);
      if (!canEdit) return;
      setSave({ status: 'dirty' });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void saveNow(), AUTOSAVE_MS);
    },
    [canEdit, saveNow],
  );
  useEffect(() => () => clearTimeout(timer.current), []);

  const submit = async () => {
    setSubmitting(true);
    setSubmitError(undefined);
    // Commit what renderers still hold (table rows, debounced inputs) and let JSON Forms report it.
    registry.flushAll();
    (document.activeElement as HTMLElement | null)?.blur?.();
    await new Promise((r) => setTimeout(r, 60));
    clearTimeout(timer.current);
    const payload = latest.current;
    setShowErrors(true);
    try {
      await api.tasks.submit(task.id, payload);
      setProblems(null);
      setDone(true);
      setTimeout(() => navigate(`/cases/${task.caseId}`), 900);
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.fieldProblems.length) {
        setProblems({ list: e.fieldProblems, submitted: payload });
      } else setSubmitError(e);
    } finally {
      setSubmitting(false);
    }
  };

  const standing = problems ? stillStanding(problems.list, problems.submitted, data) : [];
  const dict = useMemo(() => dictionaryFor(task.form.i18n, locale), [task.form.i18n, locale]);
  const aside = useMemo(() => taskAside(task), [task]);

  return (
    <>
      <PageHeader
        back={
          <Button component={Link} href="/tasks" startIcon={<ArrowBackIcon />} size="small">
            {t('tasks.title')}
          </Button>
        }
        title={pick(task.title) || pick(task.form.title)}
        subtitle={
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap', mt: 0.5 }}>
            {task.organisationName && <span>{task.organisationName}</span>}
            {task.stage && <Chip size="small" label={task.stage} />}
            <DueChip dueAt={task.dueAt} />
            <span>{t('tasks.formVersion', { version: task.formVersion })}</span>
            <Link href={`/cases/${task.caseId}`}>{t('tasks.goCase')}</Link>
          </Box>
        }
        actions={<TaskActions task={task} onChanged={onChanged} />}
      />
      {!open && <Alert severity="info">{t('tasks.closed', { status: task.status })}</Alert>}
      {open && task.access === 'draft' && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {t('tasks.draftOnly')}
        </Alert>
      )}
      {open && task.access === 'view' && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {t('tasks.viewOnly')}
        </Alert>
      )}
      {task.claimedBy && task.claimedBy !== me.id && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {t('tasks.claimedByOther')}
        </Alert>
      )}
      {standing.length > 0 && (
        <Alert severity="error" sx={{ mb: 2 }} role="alert" data-testid="server-problems">
          <AlertTitle>{t('tasks.serverErrors', { count: standing.length })}</AlertTitle>
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {standing.map((p) => (
              <li key={p.path + p.message}>
                <b>{labelFor(dict, p.path)}</b>: {p.message}
              </li>
            ))}
          </Box>
        </Alert>
      )}
      {submitError !== undefined && (
        <Alert severity="error" sx={{ mb: 2 }} role="alert">
          {errorMessage(i18n, submitError)}
        </Alert>
      )}
      <WithAside aside={aside}>
        <Paper variant="outlined" sx={{ p: { xs: 1.5, md: 3 } }}>
          <FormView
            form={task.form}
            data={data}
            onChange={onChange}
            serverProblems={standing}
            showErrors={showErrors}
            readonly={!canEdit}
            services={services}
          />
        </Paper>
      </WithAside>
      <Box
        sx={{
          position: 'sticky',
          bottom: 0,
          bgcolor: 'background.default',
          py: 1.5,
          mt: 2,
          display: 'flex',
          alignItems: 'center',
          gap: 2,
          flexWrap: 'wrap',
          borderTop: 1,
          borderColor: 'divider',
        }}
      >
        <Typography variant="body2" color="text.secondary" aria-live="polite" data-testid="draft-status">
          {save.status === 'saving' && t('tasks.draftSaving')}
          {save.status === 'dirty' && t('tasks.draftUnsaved')}
          {save.status === 'saved' && t('tasks.draftSaved', { time: i18n.dateTime(save.at) })}
          {save.status === 'failed' && t('tasks.draftFailed', { message: errorMessage(i18n, save.error) })}
        </Typography>
        {showErrors && clientErrors.length > 0 && standing.length === 0 && (
          <Typography variant="body2" color="warning.main">
            {t('tasks.clientErrors', { count: clientErrors.length })}
          </Typography>
        )}
        <Box sx={{ flexGrow: 1 }} />
        {canEdit && (
          <Button onClick={() => void saveNow()} disabled={save.status === 'saving'}>
            {t('designer.saveDraft')}
          </Button>
        )}
        {canSubmit && (
          <Button
            variant="contained"
            endIcon={<SendIcon />}
            onClick={() => void submit()}
            disabled={submitting || done}
            data-testid="submit-task"
          >
            {submitting ? t('tasks.submitting') : t('tasks.submit')}
          </Button>
        )}
      </Box>
      {submitting && <LinearProgress aria-label={t('tasks.submitting')} />}
      <Snackbar open={done} message={t('tasks.submitted')} />
    </>
  );
}

export function TaskPage({ id }: { id: string }) {
  const api = useApi();
  const task = useAsync(() => api.tasks.get(id), [api, id]);
  return (
    <AsyncView state={task}>{(d) => <TaskForm key={d.id} task={d} onChanged={task.reload} />}</AsyncView>
  );
}
