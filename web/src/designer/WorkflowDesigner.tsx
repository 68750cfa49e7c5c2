/**
 * The workflow designer: the ASL definition as JSON beside its auto-laid-out graph; validation problems pinned
 * to their states (a badge on the node, a click jumps to the state in the editor); a dry run on the embedded
 * engine with sample input and human-step decisions, its path drawn on the graph and each state's output
 * listed; publishing; versions with a diff and rollback.
 */
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { useApi } from '../api/ApiContext';
import { ApiError } from '../api/client';
import type { AslDefinition, DraftOf, DryRunResult, Problem, WorkflowContent } from '../api/types';
import { PageHeader } from '../components/PageHeader';
import { AsyncView, errorMessage } from '../components/states';
import { useAsync } from '../components/useAsync';
import { useI18n } from '../i18n/I18nContext';
import { Link } from '../router/router';
import { stateOfPath } from '../workflow/graph';
import WorkflowGraph from '../workflow/WorkflowGraph';
import { JsonEditor } from './JsonEditor';
import { parseJson, pretty } from './json';
import { PublishDialog } from './PublishDialog';
import { VersionsPanel } from './VersionsPanel';

const TEMPLATE: WorkflowContent = {
  title: { zh: '新流程', en: 'New workflow' },
  definition: { Comment: '', StartAt: 'Done', States: { Done: { Type: 'Succeed' } } },
};

export const workflowText = (c: Partial<WorkflowContent>) =>
  pretty({ title: c.title, definition: c.definition });

/** The line of a state's key in the definition's text (for jumping to it). */
export function lineOfState(text: string, state: string): number | undefined {
  const needle = `${JSON.stringify(state)}:`;
  const lines = text.split('\n');
  const statesAt = lines.findIndex((l) => l.includes('"States"'));
  const i = lines.findIndex((l, n) => n > statesAt && l.trimStart().startsWith(needle));
  return i < 0 ? undefined : i + 1;
}

function isAsl(v: unknown): v is AslDefinition {
  return (
    !!v &&
    typeof v === 'object' &&
    typeof (v as AslDefinition).States === 'object' &&
    (v as AslDefinition).States !== null
  );
}

function DryRun({
  id,
  content,
  save,
  onPath,
}: {
  id: string;
  content: WorkflowContent | null;
  /** Saves the draft on screen (the dry run runs the saved draft); false when it could not. */
  save(): Promise<boolean>;
  onPath(path: string[]): void;
}) {
  const api = useApi();
  const i18n = useI18n();
  const { t } = i18n;
  const [input, setInput] = useState('{\n  "data": {}\n}');
  const [decisions, setDecisions] = useState('{}');
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<DryRunResult | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const run = async () => {
    const i = parseJson(input);
    const d = parseJson(decisions);
    if (!i.ok || !d.ok) return;
    setRunning(true);
    setError(undefined);
    try {
      if (!(await save())) return;
      const r = await api.workflows.dryRun(id, i.value, d.value);
      setResult(r);
      onPath(r.path);
    } catch (e) {
      setError(e);
    } finally {
      setRunning(false);
    }
  };
  return (
    <Box>
      <Typography variant="h6" component="h2">
        {t('designer.dryRun')}
      </Typography>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <JsonEditor
            label={t('designer.dryRunInput')}
            value={input}
            onChange={setInput}
            minRows={6}
            testId="dry-run-input"
          />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <JsonEditor
            label={t('designer.dryRunDecisions')}
            value={decisions}
            onChange={setDecisions}
            minRows={6}
            testId="dry-run-decisions"
          />
        </Grid>
      </Grid>
      <Button
        variant="contained"
        startIcon={<PlayArrowIcon />}
        onClick={() => void run()}
        disabled={running || !content}
        sx={{ mt: 1 }}
        data-testid="dry-run"
      >
        {running ? t('designer.dryRunning') : t('designer.dryRun')}
      </Button>
      {running && <LinearProgress sx={{ mt: 1 }} aria-label={t('designer.dryRunning')} />}
      {error !== undefined && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {errorMessage(i18n, error)}
        </Alert>
      )}
      {result && (
        <Box sx={{ mt: 2 }} data-testid="dry-run-result">
          <Typography variant="subtitle2">{t('designer.dryRunPath', { status: result.status })}</Typography>
          <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap', my: 1 }}>
            {result.path.map((s, i) => (
              <Chip
                key={i}
                size="small"
                label={`${i + 1}. ${s}`}
                color={result.status === 'SUCCEEDED' ? 'success' : 'default'}
              />
            ))}
          </Box>
          {result.error && (
            <Alert severity="error">
              {result.error}: {result.cause}
            </Alert>
          )}
          {result.states.map((s, i) => (
            <details key={i}>
              <summary>
                {s.name ?? s.state} — {t('designer.stateOutput')}
              </summary>
              <Box
                component="pre"
                sx={{ fontSize: 12, bgcolor: 'grey.100', p: 1, overflow: 'auto', maxHeight: 240 }}
              >
                {pretty(s.output)}
              </Box>
            </details>
          ))}
        </Box>
      )}
    </Box>
  );
}

function Designer({ id, draft }: { id: string; draft: DraftOf<WorkflowContent> | null }) {
  const api = useApi();
  const i18n = useI18n();
  const { t } = i18n;
  const start = draft?.content ?? TEMPLATE;
  const [titleZh, setTitleZh] = useState(start.title?.zh ?? '');
  const [titleEn, setTitleEn] = useState(start.title?.en ?? '');
  const [text, setText] = useState(pretty(start.definition));
  const [version, setVersion] = useState<number | undefined>(draft?.version);
  const [dirty, setDirty] = useState(!draft);
  const [busy, setBusy] = useState<null | 'save' | 'validate' | 'publish'>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState(0);
  const [path, setPath] = useState<string[]>([]);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [reveal, setReveal] = useState<{ line: number; at: number } | undefined>(undefined);

  const parsed = useMemo(() => parseJson(text), [text]);
  const definition = parsed.ok && isAsl(parsed.value) ? parsed.value : null;
  // The graph keeps the last definition that parsed, so it does not vanish mid-edit.
  const [lastGood, setLastGood] = useState<AslDefinition | null>(definition);
  if (definition && definition !== lastGood) setLastGood(definition);
  const content = useMemo<WorkflowContent | null>(
    () => (definition ? { title: { zh: titleZh, en: titleEn }, definition } : null),
    [definition, titleZh, titleEn],
  );
  const problemCounts = useMemo(() => {
    const counts: Record<string, number> = {};
    for (const p of problems ?? []) {
      const s = stateOfPath(p.path);
      if (s) counts[s] = (counts[s] ?? 0) + 1;
    }
    return counts;
  }, [problems]);

  const edit = (fn: () => void) => {
    fn();
    setDirty(true);
  };
  const jumpTo = (state: string) => {
    setSelected(state);
    const line = lineOfState(text, state);
    if (line) setReveal((prev) => ({ line, at: (prev?.at ?? 0) + 1 }));
  };
  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.fieldProblems.length) setProblems(e.fieldProblems);
    setNotice({ ok: false, text: errorMessage(i18n, e) });
  };
  const save = async (): Promise<boolean> => {
    if (!content) return false;
    setBusy('save');
    try {
      const saved = await api.workflows.save(id, content, version);
      setVersion(saved.version);
      setDirty(false);
      setNotice({ ok: true, text: t('designer.draftSaved') });
      return true;
    } catch (e) {
      fail(e);
      return false;
    } finally {
      setBusy(null);
    }
  };
  const validate = async () => {
    if (!content) return;
    setBusy('validate');
    setNotice(null);
    try {
      const r = await api.workflows.validate(id, content);
      setProblems(r.problems);
      setNotice(r.valid ? { ok: true, text: t('designer.valid') } : null);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };
  const publish = async (changeNote: string) => {
    setPublishing(false);
    if (dirty && !(await save())) return;
    setBusy('publish');
    setNotice(null);
    try {
      const r = await api.workflows.publish(id, changeNote ? { changeNote } : {});
      setProblems([]);
      setNotice({ ok: true, text: t('designer.published', { version: r.version }) });
      setPublished((n) => n + 1);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageHeader
        back={
          <Button component={Link} href="/admin/workflows" startIcon={<ArrowBackIcon />} size="small">
            {t('designer.workflows.title')}
          </Button>
        }
        title={titleZh || id}
        subtitle={
          <>
            <span style={{ fontFamily: 'monospace' }}>{id}</span>
            {draft?.latestVersion ? ` · v${draft.latestVersion}` : ''}
            {dirty ? ` · ${t('designer.unsaved')}` : ''}
          </>
        }
        actions={
          <>
            <Button
              variant="outlined"
              onClick={() => void save()}
              disabled={!!busy || !content}
              data-testid="save-draft"
            >
              {busy === 'save' ? t('common.saving') : t('designer.saveDraft')}
            </Button>
            <Button
              variant="outlined"
              onClick={() => void validate()}
              disabled={!!busy || !content}
              data-testid="validate"
            >
              {busy === 'validate' ? t('designer.validating') : t('designer.validate')}
            </Button>
            <Button
              variant="contained"
              onClick={() => setPublishing(true)}
              disabled={!!busy || !content}
              data-testid="publish"
            >
              {busy === 'publish' ? t('designer.publishing') : t('designer.publish')}
            </Button>
          </>
        }
      />
      {busy && <LinearProgress aria-label={t('common.loading')} sx={{ mb: 1 }} />}
      {notice && (
        <Alert
          severity={notice.ok ? 'success' : 'error'}
          sx={{ mb: 1 }}
          role="status"
          data-testid="designer-notice"
        >
          {notice.text}
        </Alert>
      )}
      {problems && problems.length > 0 && (
        <Alert severity="error" sx={{ mb: 1 }} data-testid="problems">
          {t('designer.problems', { count: problems.length })}
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {problems.map((p, i) => {
              const state = stateOfPath(p.path);
              return (
                <li key={i}>
                  {state ? (
                    <Button size="small" sx={{ p: 0, minWidth: 0 }} onClick={() => jumpTo(state)}>
                      {t('designer.problemAt', { state })}
                    </Button>
                  ) : null}{' '}
                  <code>{p.path || '/'}</code>: {p.message}
                </li>
              );
            })}
          </Box>
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 2, mb: 2, flexWrap: 'wrap' }}>
        <TextField
          size="small"
          label={t('designer.titleZh')}
          value={titleZh}
          onChange={(e) => edit(() => setTitleZh(e.target.value))}
        />
        <TextField
          size="small"
          label={t('designer.titleEn')}
          value={titleEn}
          onChange={(e) => edit(() => setTitleEn(e.target.value))}
        />
      </Box>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 5 }}>
          <JsonEditor
            label={t('designer.definition')}
            value={text}
            onChange={(v) => edit(() => setText(v))}
            reveal={reveal}
            minRows={26}
            testId="asl-editor"
          />
        </Grid>
        <Grid size={{ xs: 12, lg: 7 }}>
          <Typography variant="subtitle2" sx={{ mb: 0.5 }}>
            {t('designer.graph')}
            <Chip size="small" sx={{ ml: 1, bgcolor: '#c8e6c9' }} label={t('designer.legend.visited')} />
            <Chip
              size="small"
              sx={{ ml: 1 }}
              color="error"
              variant="outlined"
              label={t('designer.legend.problem')}
            />
          </Typography>
          {lastGood ? (
            <WorkflowGraph
              definition={lastGood}
              visited={path}
              problems={problemCounts}
              selected={selected}
              onSelect={jumpTo}
              height={560}
            />
          ) : (
            <Alert severity="warning">{t('designer.invalidJson')}</Alert>
          )}
        </Grid>
      </Grid>
      <Card variant="outlined" sx={{ mt: 2 }}>
        <CardContent>
          <DryRun
            id={id}
            content={content}
            save={() => (dirty ? save() : Promise.resolve(true))}
            onPath={setPath}
          />
        </CardContent>
      </Card>
      <Card variant="outlined" sx={{ mt: 2 }}>
        <CardContent>
          <VersionsPanel
            refreshKey={published}
            list={() => api.workflows.versions(id)}
            versionText={async (n) => {
              const v = await api.workflows.version(id, n);
              const c = (v as { content?: Partial<WorkflowContent> }).content ?? v;
              return workflowText(c);
            }}
            draftText={content ? workflowText(content) : ''}
            rollback={(n) => api.workflows.publish(id, { fromVersion: n, changeNote: `rollback to v${n}` })}
            onRolledBack={() => setPublished((n) => n + 1)}
          />
        </CardContent>
      </Card>
      <PublishDialog
        open={publishing}
        onClose={() => setPublishing(false)}
        onPublish={(note) => void publish(note)}
      />
    </>
  );
}

export default function WorkflowDesignerPage({ id }: { id: string }) {
  const api = useApi();
  const draft = useAsync(
    () =>
      api.workflows.get(id).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }),
    [api, id],
  );
  return <AsyncView state={draft}>{(d) => <Designer key={id} id={id} draft={d} />}</AsyncView>;
}
