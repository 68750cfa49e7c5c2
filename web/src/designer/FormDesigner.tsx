/**
 * The form designer: JSON Schema, UI schema, texts and examples as JSON (each checked as you type), a field
 * list with editable zh / en labels on top, a live JSON Forms preview in Chinese or English, server-side
 * validation with every problem's path, publishing (with the drafts and open tasks the new version would
 * break), and versions with a diff and rollback.
 */
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import { useApi } from '../api/ApiContext';
import { ApiError } from '../api/client';
import type { DraftOf, FormContent, Problem } from '../api/types';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { PageHeader } from '../components/PageHeader';
import { AsyncView, errorMessage } from '../components/states';
import { useAsync } from '../components/useAsync';
import { FormView } from '../forms/FormView';
import type { Locale } from '../i18n/I18nContext';
import { I18nProvider, useI18n } from '../i18n/I18nContext';
import { Link } from '../router/router';
import { fieldRows } from './fields';
import { JsonEditor } from './JsonEditor';
import { parseJson, pretty } from './json';
import { PublishDialog } from './PublishDialog';
import { VersionsPanel } from './VersionsPanel';

const TEMPLATE: FormContent = {
  title: { zh: '新表单', en: 'New form' },
  schema: { type: 'object', properties: { name: { type: 'string', minLength: 1 } }, required: ['name'] },
  uischema: { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/name' }] },
  i18n: { zh: { 'name.label': '名称' }, en: { 'name.label': 'Name' } },
  examples: [{ name: '示例' }],
};

interface Texts {
  titleZh: string;
  titleEn: string;
  schema: string;
  uischema: string;
  i18n: string;
  examples: string;
}

const textsOf = (c: FormContent): Texts => ({
  titleZh: c.title?.zh ?? '',
  titleEn: c.title?.en ?? '',
  schema: pretty(c.schema ?? {}),
  uischema: pretty(c.uischema ?? {}),
  i18n: pretty(c.i18n ?? { zh: {}, en: {} }),
  examples: pretty(c.examples ?? []),
});

/** The content the texts describe, or null while any of them is not valid JSON. */
function contentOf(t: Texts): FormContent | null {
  const parts = [parseJson(t.schema), parseJson(t.uischema), parseJson(t.i18n), parseJson(t.examples)];
  if (parts.some((p) => !p.ok)) return null;
  const [schema, uischema, i18n, examples] = parts.map((p) => (p.ok ? p.value : undefined));
  return {
    title: { zh: t.titleZh, en: t.titleEn },
    schema: schema as FormContent['schema'],
    uischema: uischema as FormContent['uischema'],
    i18n: i18n as FormContent['i18n'],
    examples: examples as unknown[],
  };
}

/** The comparable text of a version or draft (what the diff shows). */
export const formText = (c: Partial<FormContent>) =>
  pretty({ title: c.title, schema: c.schema, uischema: c.uischema, i18n: c.i18n, examples: c.examples });

function FieldList({ texts, setTexts }: { texts: Texts; setTexts(update: (t: Texts) => Texts): void }) {
  const { t } = useI18n();
  const schema = parseJson(texts.schema);
  const ui = parseJson(texts.uischema);
  const i18n = parseJson<{ zh?: Record<string, string>; en?: Record<string, string> }>(texts.i18n);
  const rows = useMemo(
    () => (schema.ok && ui.ok ? fieldRows(schema.value, ui.value) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- parsed from these texts
    [texts.schema, texts.uischema],
  );
  if (!schema.ok || !ui.ok || !i18n.ok) return <Alert severity="warning">{t('designer.invalidJson')}</Alert>;
  if (rows.length === 0) return <Typography color="text.secondary">{t('designer.fieldsEmpty')}</Typography>;
  const setLabel = (lang: 'zh' | 'en', key: string, value: string) =>
    setTexts((prev) => {
      const parsed = parseJson<Record<string, Record<string, string>>>(prev.i18n);
      if (!parsed.ok) return prev;
      const next = { zh: {}, en: {}, ...parsed.value };
      next[lang] = { ...next[lang], [`${key}.label`]: value };
      return { ...prev, i18n: pretty(next) };
    });
  return (
    <Box sx={{ maxHeight: 520, overflow: 'auto' }} data-testid="field-list">
      {rows.map((r) => (
        <Box
          key={r.pointer}
          sx={{ py: 0.75, pl: r.depth * 2, borderBottom: 1, borderColor: 'divider' }}
          data-pointer={r.pointer}
        >
          <Box sx={{ display: 'flex', gap: 0.5, alignItems: 'center', flexWrap: 'wrap' }}>
            <Box component="code" sx={{ fontSize: 12, mr: 1 }}>
              {r.pointer}
              {r.required ? ' *' : ''}
            </Box>
            <Chip size="small" label={r.type} variant="outlined" />
            {r.badges.map((b) => (
              <Chip key={b} size="small" label={b} color="secondary" variant="outlined" />
            ))}
            {!r.shown && <Chip size="small" label="UI ✗" color="warning" />}
          </Box>
          <Box sx={{ display: 'flex', gap: 1, mt: 0.75 }}>
            <TextField
              size="small"
              label={`zh · ${r.key}`}
              value={i18n.value.zh?.[`${r.key}.label`] ?? ''}
              onChange={(e) => setLabel('zh', r.key, e.target.value)}
              sx={{ flex: 1 }}
            />
            <TextField
              size="small"
              label={`en · ${r.key}`}
              value={i18n.value.en?.[`${r.key}.label`] ?? ''}
              onChange={(e) => setLabel('en', r.key, e.target.value)}
              sx={{ flex: 1 }}
            />
          </Box>
        </Box>
      ))}
    </Box>
  );
}

function Preview({ content }: { content: FormContent | null }) {
  const { t } = useI18n();
  const [lang, setLang] = useState<Locale>('zh');
  const [data, setData] = useState<unknown>(undefined);
  if (!content) return <Alert severity="warning">{t('designer.invalidJson')}</Alert>;
  const example = content.examples?.[0] ?? {};
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
        <Typography variant="subtitle2" sx={{ flexGrow: 1 }}>
          {t('designer.preview')}
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={lang}
          onChange={(_, v: Locale | null) => v && setLang(v)}
          aria-label={t('designer.preview')}
        >
          <ToggleButton value="zh">{t('designer.previewZh')}</ToggleButton>
          <ToggleButton value="en">{t('designer.previewEn')}</ToggleButton>
        </ToggleButtonGroup>
        <Button size="small" onClick={() => setData(undefined)}>
          {t('tasks.fillExample')}
        </Button>
      </Box>
      <Box
        sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2, bgcolor: '#fff' }}
        data-testid="form-preview"
        lang={lang === 'zh' ? 'zh-CN' : 'en'}
      >
        <ErrorBoundary
          resetKey={JSON.stringify([content.schema, content.uischema])}
          fallback={(e) => <Alert severity="error">{e.message}</Alert>}
        >
          {/* The preview speaks its own language, whatever the designer's UI is in. */}
          <I18nProvider initial={lang} key={lang} scoped>
            <FormView form={content} data={data ?? example} onChange={(d) => setData(d)} showErrors />
          </I18nProvider>
        </ErrorBoundary>
      </Box>
    </Box>
  );
}

function Designer({ id, draft }: { id: string; draft: DraftOf<FormContent> | null }) {
  const api = useApi();
  const i18n = useI18n();
  const { t } = i18n;
  const [texts, setTextsState] = useState<Texts>(() => textsOf(draft?.content ?? TEMPLATE));
  const [version, setVersion] = useState<number | undefined>(draft?.version);
  const [dirty, setDirty] = useState(!draft);
  const [tab, setTab] = useState(0);
  const [busy, setBusy] = useState<null | 'save' | 'validate' | 'publish'>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [published, setPublished] = useState(0);
  const content = useMemo(() => contentOf(texts), [texts]);
  const setTexts = (update: (t: Texts) => Texts) => {
    setTextsState(update);
    setDirty(true);
  };
  const set = (k: keyof Texts) => (v: string) => setTexts((prev) => ({ ...prev, [k]: v }));

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.fieldProblems.length) setProblems(e.fieldProblems);
    setNotice({ ok: false, text: errorMessage(i18n, e) });
  };
  const save = async (): Promise<boolean> => {
    if (!content) {
      setNotice({ ok: false, text: t('designer.invalidJson') });
      return false;
    }
    setBusy('save');
    try {
      const saved = await api.forms.save(id, content, version);
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
      const r = await api.forms.validate(id, content);
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
      const r = await api.forms.publish(id, changeNote ? { changeNote } : {});
      const failing = r.evolution?.failing.length ?? 0;
      setProblems([]);
      setNotice({
        ok: true,
        text:
          t('designer.published', { version: r.version }) +
          (r.evolution ? ` (${r.evolution.pinned} pinned, ${failing} failing)` : ''),
      });
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
          <Button component={Link} href="/admin/forms" startIcon={<ArrowBackIcon />} size="small">
            {t('designer.forms.title')}
          </Button>
        }
        title={`${texts.titleZh || id}`}
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
            {problems.map((p, i) => (
              <li key={i}>
                <code>{p.path || '/'}</code>: {p.message}
              </li>
            ))}
          </Box>
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 2, mb: 2, flexWrap: 'wrap' }}>
        <TextField
          size="small"
          label={t('designer.titleZh')}
          value={texts.titleZh}
          onChange={(e) => set('titleZh')(e.target.value)}
        />
        <TextField
          size="small"
          label={t('designer.titleEn')}
          value={texts.titleEn}
          onChange={(e) => set('titleEn')(e.target.value)}
        />
      </Box>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 6 }}>
          <Tabs
            value={tab}
            onChange={(_, v: number) => setTab(v)}
            variant="scrollable"
            aria-label={t('designer.forms.title')}
          >
            <Tab label={t('designer.fields')} />
            <Tab label={t('designer.schema')} />
            <Tab label={t('designer.uischema')} />
            <Tab label={t('designer.i18n')} />
            <Tab label={t('designer.examples')} />
          </Tabs>
          <Box sx={{ pt: 1 }}>
            {tab === 0 && <FieldList texts={texts} setTexts={setTexts} />}
            {tab === 1 && (
              <JsonEditor
                label={t('designer.schema')}
                value={texts.schema}
                onChange={set('schema')}
                testId="schema-editor"
              />
            )}
            {tab === 2 && (
              <JsonEditor
                label={t('designer.uischema')}
                value={texts.uischema}
                onChange={set('uischema')}
                testId="uischema-editor"
              />
            )}
            {tab === 3 && (
              <JsonEditor
                label={t('designer.i18n')}
                value={texts.i18n}
                onChange={set('i18n')}
                testId="i18n-editor"
              />
            )}
            {tab === 4 && (
              <JsonEditor
                label={t('designer.examples')}
                value={texts.examples}
                onChange={set('examples')}
                testId="examples-editor"
              />
            )}
          </Box>
        </Grid>
        <Grid size={{ xs: 12, lg: 6 }}>
          <Preview content={content} />
        </Grid>
      </Grid>
      <Card variant="outlined" sx={{ mt: 2 }}>
        <CardContent>
          <VersionsPanel
            refreshKey={published}
            list={() => api.forms.versions(id)}
            versionText={async (n) => formText(await api.forms.version(id, n))}
            draftText={content ? formText(content) : ''}
            rollback={(n) => api.forms.publish(id, { fromVersion: n, changeNote: `rollback to v${n}` })}
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

export default function FormDesignerPage({ id }: { id: string }) {
  const api = useApi();
  // A new id has no draft yet (404): the designer starts from a template.
  const draft = useAsync(
    () =>
      api.forms.get(id).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }),
    [api, id],
  );
  return <AsyncView state={draft}>{(d) => <Designer key={id} id={id} draft={d} />}</AsyncView>;
}
