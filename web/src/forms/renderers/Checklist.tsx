/**
 * Checklist items (现状调查清单): each item answered 符合 / 不符合 / 不涉及 with evidence (a note and/or a
 * file); a 不符合 item needs an improvement option (the form's `x-requiredIf` makes it required; the row shows
 * the field only then). Registrations, all at rank 10 unless noted:
 *   - a whole checklist: an array control with `options.widget: "checklist"`, or (rank 7) an array whose rows
 *     hold a field with `x-widget: "checklist-item"` — rows grouped under their aspect;
 *   - one item: an object control with widget "checklist-item";
 *   - the verdict alone: a string control with `x-widget: "checklist-item"` (three radio buttons).
 * Fields are found by schema (the verdict: `x-widget` "checklist-item" or `result`; the file: a file schema)
 * and by name (text: item / text / title; aspect; improvement / reason / rectification; evidence note), and
 * can be named with `options.fields`. Verdict values may be codes (compliant / non-compliant /
 * not-applicable) or the Chinese words (符合 / 不符合 / 不涉及 or 不适用); `oneOf: [{ const, title }]` titles win.
 */
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ControlProps, JsonSchema, RankedTester } from '@jsonforms/core';
import {
  and,
  isObjectArrayControl,
  isObjectControl,
  isStringControl,
  optionIs,
  or,
  rankWith,
  schemaMatches,
} from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import { memo, useCallback, useEffect, useId, useMemo, useRef } from 'react';
import type { FileRef } from '../../api/types';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/zh';
import { isFileSchema, propertiesOf, rowErrors, useDraft, useErrorsUnder } from './common';
import { FileUpload } from './FileUpload';

type Item = Record<string, unknown>;

export interface ChecklistFields {
  text: string;
  aspect: string;
  result: string;
  evidence: string;
  evidenceFile: string;
  improvement: string;
}

const firstOf = (props: Record<string, JsonSchema>, names: string[], want?: (s: JsonSchema) => boolean) =>
  names.find((n) => props[n] && (!want || want(props[n]!))) ?? '';

const isText = (s: JsonSchema) => s.type === 'string' || s.type === undefined;

/** Which property plays which part, read from the row schema. */
export function detectFields(props: Record<string, JsonSchema>): ChecklistFields {
  const entries = Object.entries(props);
  const result =
    entries.find(([, s]) => (s as Record<string, unknown>)['x-widget'] === 'checklist-item')?.[0] ??
    firstOf(props, ['result', 'verdict', 'status', 'conclusion']);
  return {
    text: firstOf(props, ['text', 'item', 'title', 'name', 'requirement'], isText),
    aspect: firstOf(props, ['aspect', 'category', 'section'], isText),
    result: result || 'result',
    evidence: firstOf(props, ['evidenceNote', 'evidence', 'note', 'remark'], (s) => s.type === 'string'),
    evidenceFile: entries.find(([, s]) => isFileSchema(s))?.[0] ?? '',
    improvement: firstOf(props, ['improvement', 'reason', 'rectification', 'measure', 'option'], isText),
  };
}

export type Verdict = 'compliant' | 'nonCompliant' | 'notApplicable';

const VERDICT_OF: Record<string, Verdict> = {
  compliant: 'compliant',
  yes: 'compliant',
  符合: 'compliant',
  'non-compliant': 'nonCompliant',
  noncompliant: 'nonCompliant',
  non_compliant: 'nonCompliant',
  no: 'nonCompliant',
  不符合: 'nonCompliant',
  'not-applicable': 'notApplicable',
  not_applicable: 'notApplicable',
  na: 'notApplicable',
  'n/a': 'notApplicable',
  不涉及: 'notApplicable',
  不适用: 'notApplicable',
};

export const verdictOf = (v: unknown): Verdict | undefined =>
  typeof v === 'string' ? VERDICT_OF[v.toLowerCase()] ?? VERDICT_OF[v] : undefined;

const VERDICT_LABEL: Record<Verdict, MessageKey> = {
  compliant: 'form.checklist.compliant',
  nonCompliant: 'form.checklist.nonCompliant',
  notApplicable: 'form.checklist.notApplicable',
};

interface ResultOption {
  value: unknown;
  verdict?: Verdict;
  title?: string;
}

function resultOptions(schema: JsonSchema | undefined): ResultOption[] {
  if (schema?.oneOf?.every((o) => 'const' in o)) {
    return schema.oneOf.map((o) => ({ value: o.const, verdict: verdictOf(o.const), title: o.title }));
  }
  const values = schema?.enum ?? ['compliant', 'non-compliant', 'not-applicable'];
  return values.map((v) => ({ value: v, verdict: verdictOf(v) }));
}

interface RowProps {
  index: number;
  value: Item;
  fields: ChecklistFields;
  options: ResultOption[];
  hasEvidenceFile: boolean;
  errors: Record<string, string>;
  enabled: boolean;
  /** Text shown when the item holds none (the object control's label). */
  fallbackText?: string;
  onCommit(index: number, value: Item): void;
}

export const ChecklistRow = memo(function ChecklistRow({
  index,
  value,
  fields,
  options,
  hasEvidenceFile,
  errors,
  enabled,
  fallbackText,
  onCommit,
}: RowProps) {
  const { t } = useI18n();
  const id = useId();
  const commit = useCallback((next: Item) => onCommit(index, next), [index, onCommit]);
  const [draft, change, flush] = useDraft<Item>(value, commit);
  const set = (prop: string, v: unknown) =>
    change((prev) => {
      const next = { ...prev };
      if (v === undefined || v === '') delete next[prop];
      else next[prop] = v;
      return next;
    });
  const read = (prop: string) => (prop ? draft[prop] : undefined);
  const str = (prop: string) => (typeof read(prop) === 'string' ? (read(prop) as string) : '');
  const result = read(fields.result);
  const verdict = verdictOf(result);
  const text = str(fields.text) || fallbackText;
  const aspect = read(fields.aspect);
  const evidence = str(fields.evidence);
  const improvement = str(fields.improvement);
  const file = read(fields.evidenceFile) as FileRef | undefined;
  const needsImprovement = verdict === 'nonCompliant' && !improvement.trim();
  const needsEvidence = verdict === 'compliant' && !evidence.trim() && !file && !!(fields.evidence || fields.evidenceFile);
  const resultError = errors['/' + fields.result];
  return (
    <Paper variant="outlined" sx={{ p: 1.5, mb: 1 }} data-testid="checklist-item" data-verdict={verdict ?? ''}>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'baseline', flexWrap: 'wrap' }}>
        {typeof aspect === 'string' && <Chip size="small" label={aspect} />}
        <Typography id={`${id}-text`} sx={{ fontWeight: 500 }}>
          {text}
        </Typography>
      </Box>
      <RadioGroup
        row
        aria-labelledby={`${id}-text`}
        value={options.findIndex((o) => o.value === result)}
        onChange={(e) => {
          set(fields.result, options[Number(e.target.value)]?.value);
          // A choice is a discrete act: commit it at once.
          setTimeout(flush, 0);
        }}
      >
        {options.map((o, i) => (
          <FormControlLabel
            key={i}
            value={i}
            disabled={!enabled}
            control={<Radio size="small" />}
            label={o.title ?? (o.verdict ? t(VERDICT_LABEL[o.verdict]) : String(o.value))}
          />
        ))}
      </RadioGroup>
      {resultError && <FormHelperText error>{resultError}</FormHelperText>}
      {fields.evidence && (
      <TextField
        label={t('form.checklist.evidence')}
        value={evidence}
        onChange={(e) => set(fields.evidence, e.target.value)}
        onBlur={flush}
        disabled={!enabled}
        size="small"
        fullWidth
        multiline
        minRows={1}
        margin="dense"
        error={!!errors['/' + fields.evidence]}
        helperText={errors['/' + fields.evidence] ?? (needsEvidence ? t('form.checklist.needsEvidence') : undefined)}
      />
      )}
      {hasEvidenceFile && (
        <FileUpload
          label={t('form.checklist.evidenceFile')}
          value={file}
          onChange={(ref) => {
            set(fields.evidenceFile, ref);
            setTimeout(flush, 0);
          }}
          enabled={enabled}
          error={errors['/' + fields.evidenceFile] ?? (needsEvidence && !fields.evidence ? t('form.checklist.needsEvidence') : undefined)}
        />
      )}
      {verdict === 'nonCompliant' && fields.improvement && (
        <TextField
          label={t('form.checklist.improvement')}
          value={improvement}
          onChange={(e) => set(fields.improvement, e.target.value)}
          onBlur={flush}
          disabled={!enabled}
          required
          size="small"
          fullWidth
          multiline
          margin="dense"
          error={needsImprovement || !!errors['/' + fields.improvement]}
          helperText={errors['/' + fields.improvement] ?? (needsImprovement ? t('form.checklist.needsImprovement') : undefined)}
        />
      )}
    </Paper>
  );
});

function useChecklistConfig(props: ControlProps) {
  const item = useMemo(() => propertiesOf(props.schema), [props.schema]);
  const named = props.uischema.options?.fields as Partial<ChecklistFields> | undefined;
  const fields = useMemo(() => ({ ...detectFields(item), ...named }), [item, named]);
  const options = useMemo(() => resultOptions(item[fields.result]), [item, fields.result]);
  return { fields, options, hasEvidenceFile: !!fields.evidenceFile && fields.evidenceFile in item };
}

/** The verdict alone: a string control with `x-widget: "checklist-item"`, as three radio buttons. */
export function VerdictControl(props: ControlProps) {
  const { data, handleChange, path, schema, enabled, visible, label, errors, required } = props;
  const { t } = useI18n();
  const id = useId();
  const options = useMemo(() => resultOptions(schema), [schema]);
  if (!visible) return null;
  return (
    <Box sx={{ my: 1 }} data-testid="checklist-verdict">
      <Typography id={`${id}-label`} variant="body2" color={errors ? 'error' : 'text.secondary'}>
        {label}
        {required ? ' *' : ''}
      </Typography>
      <RadioGroup
        row
        aria-labelledby={`${id}-label`}
        value={options.findIndex((o) => o.value === data)}
        onChange={(e) => handleChange(path, options[Number(e.target.value)]?.value)}
      >
        {options.map((o, i) => (
          <FormControlLabel
            key={i}
            value={i}
            disabled={!enabled}
            control={<Radio size="small" />}
            label={o.title ?? (o.verdict ? t(VERDICT_LABEL[o.verdict]) : String(o.value))}
          />
        ))}
      </RadioGroup>
      {errors && <FormHelperText error>{errors}</FormHelperText>}
    </Box>
  );
}

export function ChecklistItemControl(props: ControlProps) {
  const { data, handleChange, path, enabled, visible, label } = props;
  const { fields, options, hasEvidenceFile } = useChecklistConfig(props);
  const errors = useErrorsUnder(path);
  const onCommit = useCallback((_: number, value: Item) => handleChange(path, value), [handleChange, path]);
  if (!visible) return null;
  return (
    <ChecklistRow
      index={0}
      value={(data as Item | undefined) ?? {}}
      fields={fields}
      options={options}
      hasEvidenceFile={hasEvidenceFile}
      errors={errors}
      enabled={enabled}
      fallbackText={label}
      onCommit={onCommit}
    />
  );
}

export function ChecklistControl(props: ControlProps) {
  const { data, handleChange, path, enabled, visible, label, description, errors } = props;
  const { fields, options, hasEvidenceFile } = useChecklistConfig(props);
  const items: Item[] = useMemo(() => (Array.isArray(data) ? (data as Item[]) : []), [data]);
  const allErrors = useErrorsUnder(path);
  // Rows sit under aspect headings, so they do not repeat the aspect chip.
  const rowFields = useMemo(() => ({ ...fields, aspect: '\u0000' }), [fields]);
  const latest = useRef(items);
  useEffect(() => {
    latest.current = items;
  }, [items]);
  const onCommit = useCallback(
    (index: number, value: Item) => {
      const next = [...latest.current];
      next[index] = value;
      latest.current = next;
      handleChange(path, next);
    },
    [handleChange, path],
  );
  if (!visible) return null;
  const aspectAt = (i: number) => items[i]?.[fields.aspect];
  return (
    <Box sx={{ my: 2 }} data-testid="checklist">
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {label}
      </Typography>
      {description && (
        <Typography variant="body2" color="text.secondary">
          {description}
        </Typography>
      )}
      {items.map((item, index) => {
        const aspect = aspectAt(index);
        const heading = !!fields.aspect && aspect !== undefined && (index === 0 || aspect !== aspectAt(index - 1));
        return (
          <Box key={index}>
            {heading && (
              <Typography variant="subtitle2" component="h4" sx={{ mt: 2, mb: 1 }}>
                {String(aspect)}
              </Typography>
            )}
            <ChecklistRow
              index={index}
              value={item ?? {}}
              fields={rowFields}
              options={options}
              hasEvidenceFile={hasEvidenceFile}
              errors={rowErrors(allErrors, index)}
              enabled={enabled}
              onCommit={onCommit}
            />
          </Box>
        );
      })}
      {errors && <FormHelperText error>{errors}</FormHelperText>}
    </Box>
  );
}

const hasWidget = (name: string) => (s: JsonSchema) => (s as Record<string, unknown>)['x-widget'] === name;
const askedFor = (name: string) => or(optionIs('widget', name), schemaMatches(hasWidget(name)));
const rowsHaveVerdict = (s: JsonSchema) => {
  const items = s.items && !Array.isArray(s.items) ? s.items : undefined;
  return Object.values(items?.properties ?? {}).some(hasWidget('checklist-item'));
};

export const checklistItemTester: RankedTester = rankWith(10, and(isObjectControl, askedFor('checklist-item')));
export const verdictTester: RankedTester = rankWith(
  10,
  and(isStringControl, schemaMatches(hasWidget('checklist-item'))),
);
const explicitList = rankWith(10, and(isObjectArrayControl, optionIs('widget', 'checklist')));
const impliedList = rankWith(7, and(isObjectArrayControl, schemaMatches(rowsHaveVerdict)));
export const checklistTester: RankedTester = (uischema, schema, context) =>
  Math.max(explicitList(uischema, schema, context), impliedList(uischema, schema, context));

export const ChecklistItemRenderer = withJsonFormsControlProps(ChecklistItemControl);
export const ChecklistRenderer = withJsonFormsControlProps(ChecklistControl);
export const VerdictRenderer = withJsonFormsControlProps(VerdictControl);
