/**
 * The options register / feasibility table (方案汇总与经济评估): one row per cleaner-production option, with
 * the computed columns the form defines through `x-computed` (cash flow, NPV, IRR, payback … evaluated by the
 * shared rule layer, lambdas/core/forms) shown read-only and recomputed as the user types. The server
 * recomputes them on submission.
 *
 * Registered at rank 10 for an array control with `options.widget` / `x-widget` "options-table", and at rank 6
 * for any array of flat rows that has computed fields (so a form gets the table without asking).
 *
 * Speed (issue 7 item 6; JSON Forms issue #1754; figures in docs/benchmarks.md): each row is a memoised
 * component with its own draft; a keystroke re-renders one row, and the row is committed to JSON Forms after
 * 300 ms of quiet, on blur, or when the page flushes before submitting. Above 30 rows the table is windowed
 * (rowWindow.ts: the rows in view and the focused row are rendered) and edits one row at a time: the other rows
 * show their values as text in focusable buttons, and focusing or clicking one makes its row live with inputs.
 * Fewer controls is what counts in Chromium: its autofill re-reads every control of the form on each keystroke.
 *
 * UI schema options: `columns` (property names, in order; default all flat properties).
 */
import AddIcon from '@mui/icons-material/Add';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormHelperText from '@mui/material/FormHelperText';
import Typography from '@mui/material/Typography';
import type { ControlProps, JsonSchema, RankedTester } from '@jsonforms/core';
import { and, isObjectArrayControl, or, optionIs, rankWith, schemaMatches } from '@jsonforms/core';
import { useJsonForms, withJsonFormsControlProps } from '@jsonforms/react';
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import { computedProps, computeRow } from '../rules';
import type { ColumnDef } from './cells';
import { Cell, cellText, RemoveRowButton, tableSx, ViewCell } from './cells';
import { bodyPlan, useRowWindow } from './rowWindow';
import {
  i18nPrefixOf,
  isNumberSchema,
  propertiesOf,
  rowErrors,
  unitOf,
  useDraft,
  useErrorsUnder,
  useLabeller,
} from './common';

type Row = Record<string, unknown>;

export interface TableColumn extends ColumnDef {
  computed: boolean;
}

function columnsOf(
  item: Record<string, JsonSchema>,
  explicit: string[] | undefined,
  computed: ReadonlySet<string>,
  label: (prop: string, s: JsonSchema | undefined) => string,
): TableColumn[] {
  const props = explicit ?? Object.keys(item);
  return props.flatMap<TableColumn>((prop) => {
    const s = item[prop];
    if (!s) return [];
    const unit = unitOf(s);
    const base = { prop, label: label(prop, s), computed: computed.has(prop), ...(unit ? { unit } : {}) };
    if (s.enum) return [{ ...base, kind: 'enum', options: s.enum.map((v) => ({ value: v, label: String(v) })) }];
    if (s.oneOf?.every((o) => 'const' in o)) {
      const options = s.oneOf.map((o) => ({ value: o.const, label: o.title ?? String(o.const) }));
      return [{ ...base, kind: 'enum', options }];
    }
    if (isNumberSchema(s)) return [{ ...base, kind: 'number' }];
    if (s.type === 'boolean') return [{ ...base, kind: 'boolean' }];
    if (s.type === 'string' || s.type === undefined) return [{ ...base, kind: 'text' }];
    return [];
  });
}

interface RowProps {
  index: number;
  row: Row;
  columns: TableColumn[];
  rowSchema: JsonSchema;
  getRoot(): unknown;
  errors: Readonly<Record<string, string>>;
  enabled: boolean;
  /** Inputs in the cells; else the values as text, and focusing one makes the row live (long tables). */
  live: boolean;
  onActivate(index: number): void;
  onCommit(index: number, row: Row): void;
  onRemove(index: number): void;
}

const OptionRow = memo(function OptionRow({
  index,
  row,
  columns,
  rowSchema,
  getRoot,
  errors,
  enabled,
  live,
  onActivate: activateRow,
  onCommit,
  onRemove,
}: RowProps) {
  const { t, number } = useI18n();
  // The column whose text was focused, to focus its input once the row is live.
  const tr = useRef<HTMLTableRowElement>(null);
  const focusProp = useRef<string | null>(null);
  const onActivate = useCallback(
    (prop: string) => {
      focusProp.current = prop;
      activateRow(index);
    },
    [activateRow, index],
  );
  useLayoutEffect(() => {
    if (!live || focusProp.current === null) return;
    tr.current?.querySelector<HTMLElement>(`td[data-col="${focusProp.current}"] :is(input, select)`)?.focus();
    focusProp.current = null;
  }, [live]);
  const commit = useCallback((next: Row) => onCommit(index, next), [index, onCommit]);
  const [draft, change, flush] = useDraft<Row>(row, commit);
  const onField = useCallback(
    (prop: string, value: unknown) => {
      change((prev) => {
        const next = { ...prev };
        if (value === undefined) delete next[prop];
        else next[prop] = value;
        return next;
      });
    },
    [change],
  );
  // The row's computed cells follow its draft at once; the whole-form pass runs on commit.
  const shown = useMemo(() => computeRow(rowSchema, draft, getRoot()), [rowSchema, draft, getRoot]);
  const n = index + 1;
  return (
    <tr ref={tr} data-row={index} aria-rowindex={index + 2}>
      <td className="rownum">{n}</td>
      {columns.map((c) =>
        c.computed ? (
          <td key={c.prop} className="computed" data-computed={c.prop}>
            {/* A size-contained box: a new figure re-lays out this box only, not the table around it. */}
            <span className="contained">{typeof shown[c.prop] === 'number' ? number(shown[c.prop] as number) : '–'}</span>
          </td>
        ) : (
          <td key={c.prop} data-col={c.prop}>
            {!live ? (
              <ViewCell
                prop={c.prop}
                text={cellText(c, draft[c.prop], [t('common.yes'), t('common.no')])}
                label={`${c.label} ${t('form.table.row')} ${n}`}
                error={errors['/' + c.prop]}
                numeric={c.kind === 'number'}
                onActivate={onActivate}
              />
            ) : (
            <Cell
              column={c}
              prop={c.prop}
              value={draft[c.prop]}
              onField={onField}
              onBlur={flush}
              label={`${c.label} ${t('form.table.row')} ${n}`}
              error={errors['/' + c.prop]}
              enabled={enabled}
            />
            )}
          </td>
        ),
      )}
      <td>
        {enabled && <RemoveRowButton label={t('form.table.removeRow', { n })} onClick={() => onRemove(index)} />}
      </td>
    </tr>
  );
});

export function OptionsTableControl(props: ControlProps) {
  const { data, handleChange, path, schema, uischema, label, enabled, errors, visible, description } = props;
  const { t } = useI18n();
  const ctx = useJsonForms();
  const rows: Row[] = useMemo(() => (Array.isArray(data) ? (data as Row[]) : []), [data]);
  const columnsOption = uischema.options?.columns as string[] | undefined;
  const rowSchema = useMemo(
    () => ((schema.items && !Array.isArray(schema.items) ? schema.items : {}) as JsonSchema),
    [schema],
  );
  const item = useMemo(() => propertiesOf(schema), [schema]);
  const computed = useMemo(() => computedProps(rowSchema as { properties?: Record<string, unknown> }), [rowSchema]);
  const labeller = useLabeller(i18nPrefixOf(path));
  const columns = useMemo(
    () => columnsOf(item, columnsOption, computed, labeller),
    [item, columnsOption, computed, labeller],
  );
  const allErrors = useErrorsUnder(path);
  const win = useRowWindow(rows.length);
  const box = useRef<HTMLElement | null>(null);
  // Rows with problems, in order: in a windowed table most are out of view, so they are listed as links.
  const errorRows = useMemo(() => rowsWithErrors(allErrors), [allErrors]);
  const focusRow = useRef<number | null>(null);
  const focusField = (index: number) => {
    const row = box.current?.querySelector(`tr[data-row="${index}"]`);
    const field =
      row?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid="true"]') ??
      row?.querySelector<HTMLElement>('input, button.cell-view');
    field?.focus();
    return Boolean(field);
  };
  const jumpTo = (index: number) => {
    if (box.current) box.current.scrollTop = Math.max(0, (index - 1) * win.rowHeight);
    if (focusField(index)) return;
    // Not rendered yet: keep it in the window and focus it after the render.
    focusRow.current = index;
    win.setFocused(index);
  };
  useEffect(() => {
    if (focusRow.current !== null && focusField(focusRow.current)) focusRow.current = null;
  });

  // Rows read the whole document ($root) through a stable getter, so a commit elsewhere does not re-render them.
  const root = useRef<unknown>(ctx.core?.data);
  const latest = useRef(rows);
  useEffect(() => {
    root.current = ctx.core?.data;
    latest.current = rows;
  });
  const getRoot = useCallback(() => root.current, []);

  // Commits may come from several rows before JSON Forms re-renders us: build each on the latest array.
  const onCommit = useCallback(
    (index: number, row: Row) => {
      const next = [...latest.current];
      // Stored with its computed fields, so the data is whole even before the form-wide pass runs.
      next[index] = computeRow(rowSchema, row, root.current);
      latest.current = next;
      handleChange(path, next);
    },
    [handleChange, path, rowSchema],
  );
  const onRemove = useCallback(
    (index: number) => {
      const next = latest.current.filter((_, i) => i !== index);
      latest.current = next;
      handleChange(path, next);
    },
    [handleChange, path],
  );
  const add = () => {
    const next = [...latest.current, {}];
    latest.current = next;
    handleChange(path, next);
  };

  if (!visible) return null;
  const header = (c: TableColumn) => (c.unit ? `${c.label}（${c.unit}）` : c.label);
  const widths = columns.map(widthOf);
  const tableWidth = 40 + 48 + widths.reduce((a, b) => a + b, 0);
  return (
    <Box sx={{ my: 2 }} data-testid="options-table">
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }} id={`${path}-caption`}>
        {label}
      </Typography>
      {description && (
        <Typography variant="body2" color="text.secondary">
          {description}
        </Typography>
      )}
      <Box
        ref={box}
        sx={win.windowed ? { ...tableSx, maxHeight: win.viewport, overflowY: 'auto' } : tableSx}
        onScroll={win.windowed ? win.onScroll : undefined}
        onFocus={(e) => {
          const row = (e.target as HTMLElement).closest('tr[data-row]')?.getAttribute('data-row');
          win.setFocused(row ? Number(row) : null);
        }}
        data-windowed={win.windowed || undefined}
      >
        {/* Fixed layout with set column widths: a keystroke re-lays out its row, not the whole table. */}
        <table
          aria-labelledby={`${path}-caption`}
          aria-rowcount={rows.length + 1}
          style={{ tableLayout: 'fixed', width: tableWidth, minWidth: '100%' }}
        >
          <colgroup>
            <col style={{ width: 40 }} />
            {widths.map((w, i) => (
              <col key={i} style={{ width: w }} />
            ))}
            <col style={{ width: 48 }} />
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col">#</th>
              {columns.map((c) => (
                <th key={c.prop} scope="col" className={c.computed ? 'computed' : undefined}>
                  {header(c)}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {/* One flat keyed list: a row keeps its component (its draft, its focus) as the window moves. */}
            {bodyPlan(rows.length, win).flatMap((part) =>
              'spacer' in part
                ? [
                    <tr key={`gap-${part.at}`} aria-hidden style={{ height: part.spacer * win.rowHeight }}>
                      <td colSpan={columns.length + 2} />
                    </tr>,
                  ]
                : rows.slice(part.rows[0], part.rows[1]).map((row, i) => {
                    const index = part.rows[0] + i;
                    return (
                      <OptionRow
                        key={index}
                        index={index}
                        row={row ?? {}}
                        columns={columns}
                        rowSchema={rowSchema}
                        getRoot={getRoot}
                        errors={rowErrors(allErrors, index)}
                        enabled={enabled}
                        live={!win.windowed || !enabled || win.focused === index}
                        onActivate={win.setFocused}
                        onCommit={onCommit}
                        onRemove={onRemove}
                      />
                    );
                  }),
            )}
          </tbody>
        </table>
      </Box>
      {rows.length === 0 && (
        <Typography color="text.secondary" sx={{ p: 1 }}>
          {t('form.table.empty')}
        </Typography>
      )}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 1, flexWrap: 'wrap' }}>
        {enabled && (
          <Button size="small" startIcon={<AddIcon />} onClick={add}>
            {t('form.table.addRow')}
          </Button>
        )}
        <Typography variant="body2" color="text.secondary">
          {t('form.table.rows', { count: rows.length })}
        </Typography>
        {computed.size > 0 && (
          <Typography variant="caption" color="text.secondary">
            {t('form.options.computedHint')}
          </Typography>
        )}
      </Box>
      {win.windowed && errorRows.length > 0 && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.5, flexWrap: 'wrap' }} data-testid="error-rows">
          <Typography variant="body2" color="error">
            {t('form.table.errorRows')}
          </Typography>
          {errorRows.map((i) => (
            <Button key={i} size="small" color="error" sx={{ minWidth: 0 }} onClick={() => jumpTo(i)}>
              {i + 1}
            </Button>
          ))}
        </Box>
      )}
      {errors && <FormHelperText error>{errors}</FormHelperText>}
    </Box>
  );
}

/** Indexes of the rows that have an error under them (keys are `/<index>/<prop>`), ascending. */
function rowsWithErrors(all: Readonly<Record<string, string>>): number[] {
  const set = new Set<number>();
  for (const k of Object.keys(all)) {
    const m = /^\/(\d+)\//.exec(k);
    if (m) set.add(Number(m[1]));
  }
  return [...set].sort((a, b) => a - b);
}

/** Column width by kind (px): room for the values, not for the longest header (headers wrap). */
function widthOf(c: TableColumn): number {
  if (c.computed || c.kind === 'number') return 108;
  if (c.kind === 'enum') return 120;
  if (c.kind === 'boolean') return 64;
  return 170;
}

const isPrimitive = (s: JsonSchema) => s.type !== 'object' && s.type !== 'array' && !s.properties && !s.items;

/** An array of flat rows of which some fields are computed: a feasibility table even without asking. */
const hasComputedFlatRows = (s: JsonSchema) => {
  const items = s.items && !Array.isArray(s.items) ? s.items : undefined;
  const props = Object.values(items?.properties ?? {});
  return props.length > 0 && props.every(isPrimitive) && props.some((p) => 'x-computed' in p);
};

const explicitTable = rankWith(
  10,
  and(
    isObjectArrayControl,
    or(
      optionIs('widget', 'options-table'),
      schemaMatches((s) => (s as Record<string, unknown>)['x-widget'] === 'options-table'),
    ),
  ),
);
const impliedTable = rankWith(6, and(isObjectArrayControl, schemaMatches(hasComputedFlatRows)));

export const optionsTableTester: RankedTester = (uischema, schema, context) =>
  Math.max(explicitTable(uischema, schema, context), impliedTable(uischema, schema, context));

export const OptionsTableRenderer = withJsonFormsControlProps(OptionsTableControl);
