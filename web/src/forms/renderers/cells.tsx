/**
 * Light table cells for the big tables (options, balance): native inputs styled once by the table's CSS, not
 * hundreds of MUI TextFields — the options table's 50 × 10 cells must render in well under 300 ms and a
 * keystroke must cost one cell and one row. A number cell keeps the text the user typed ("1.", "-") and
 * reports the parsed number.
 */
import { memo, useState } from 'react';
import { parseNumber } from './common';

export interface ColumnDef {
  prop: string;
  label: string;
  kind: 'number' | 'text' | 'enum' | 'boolean';
  options?: { value: unknown; label: string }[];
  unit?: string;
}

interface CellProps {
  prop: string;
  value: unknown;
  onField(prop: string, value: unknown): void;
  onBlur?(): void;
  label: string;
  error?: string;
  enabled: boolean;
}

export const NumberCell = memo(function NumberCell({ prop, value, onField, onBlur, label, error, enabled }: CellProps) {
  const num = typeof value === 'number' ? value : undefined;
  const [text, setText] = useState(num === undefined ? '' : String(num));
  const [seen, setSeen] = useState(num);
  if (num !== seen) {
    setSeen(num);
    if (parseNumber(text) !== num) setText(num === undefined ? '' : String(num));
  }
  return (
    <input
      className={error ? 'cell-input cell-error' : 'cell-input num'}
      inputMode="decimal"
      value={text}
      disabled={!enabled}
      aria-label={label}
      aria-invalid={error ? true : undefined}
      title={error}
      onChange={(e) => {
        setText(e.target.value);
        const n = parseNumber(e.target.value);
        setSeen(n);
        onField(prop, n);
      }}
      onBlur={onBlur}
    />
  );
});

export const TextCell = memo(function TextCell({ prop, value, onField, onBlur, label, error, enabled }: CellProps) {
  return (
    <input
      className={error ? 'cell-input cell-error' : 'cell-input'}
      value={typeof value === 'string' ? value : ''}
      disabled={!enabled}
      aria-label={label}
      aria-invalid={error ? true : undefined}
      title={error}
      onChange={(e) => onField(prop, e.target.value === '' ? undefined : e.target.value)}
      onBlur={onBlur}
    />
  );
});

export const EnumCell = memo(function EnumCell({
  prop,
  value,
  onField,
  onBlur,
  label,
  error,
  enabled,
  options,
}: CellProps & { options: { value: unknown; label: string }[] }) {
  const index = options.findIndex((o) => o.value === value);
  return (
    <select
      className={error ? 'cell-input cell-error' : 'cell-input'}
      value={index < 0 ? '' : String(index)}
      disabled={!enabled}
      aria-label={label}
      aria-invalid={error ? true : undefined}
      title={error}
      onChange={(e) => onField(prop, e.target.value === '' ? undefined : options[Number(e.target.value)]?.value)}
      onBlur={onBlur}
    >
      <option value="">–</option>
      {options.map((o, i) => (
        <option key={i} value={String(i)}>
          {o.label}
        </option>
      ))}
    </select>
  );
});

export const BooleanCell = memo(function BooleanCell({ prop, value, onField, label, enabled }: CellProps) {
  return (
    <input
      type="checkbox"
      checked={value === true}
      disabled={!enabled}
      aria-label={label}
      onChange={(e) => onField(prop, e.target.checked)}
    />
  );
});

/** What a cell shows when it is not being edited: the number as typed, the option's label, 是 / 否. */
export function cellText(column: ColumnDef, value: unknown, yesNo: [string, string]): string {
  if (value === undefined || value === null || value === '') return '';
  if (column.kind === 'enum') return column.options?.find((o) => o.value === value)?.label ?? String(value);
  if (column.kind === 'boolean') return value === true ? yesNo[0] : yesNo[1];
  return String(value);
}

/**
 * A cell of a row that is not being edited (long tables edit one row at a time): its value as text in a
 * focusable button. Focus or a click makes the row live, and the row then focuses this column's input. Far fewer
 * form controls in the page: Chromium's autofill re-reads every control of a form on each keystroke, and each
 * input costs in the first render and in every paint.
 */
export const ViewCell = memo(function ViewCell({
  prop,
  text,
  label,
  error,
  numeric,
  onActivate,
}: {
  prop: string;
  text: string;
  /** The input's label; the button's name is the label and the value. */
  label: string;
  error?: string;
  numeric: boolean;
  onActivate(prop: string): void;
}) {
  return (
    <button
      type="button"
      className={`cell-view${numeric ? ' num' : ''}${error ? ' cell-error' : ''}`}
      aria-label={text ? `${label}: ${text}` : label}
      title={error}
      data-invalid={error ? true : undefined}
      onFocus={() => onActivate(prop)}
      onClick={() => onActivate(prop)}
    >
      {text}
    </button>
  );
});

/**
 * A row's remove button: a native button with an inline icon (MUI's IconButton, with its ripple and styles,
 * costs several milliseconds per row on the first render of a 50-row table).
 */
export const RemoveRowButton = memo(function RemoveRowButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <button type="button" className="row-remove" aria-label={label} title={label} onClick={onClick}>
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M6 19c0 1.1.9 2 2 2h8c1.1 0 2-.9 2-2V7H6zM8 9h8v10H8zm7.5-5-1-1h-5l-1 1H5v2h14V4z"
        />
      </svg>
    </button>
  );
});

export function Cell(props: CellProps & { column: ColumnDef }) {
  const { column, ...rest } = props;
  switch (column.kind) {
    case 'number':
      return <NumberCell {...rest} />;
    case 'enum':
      return <EnumCell {...rest} options={column.options ?? []} />;
    case 'boolean':
      return <BooleanCell {...rest} />;
    default:
      return <TextCell {...rest} />;
  }
}

/** The CSS of the light tables, applied once on their wrapper (sx). */
export const tableSx = {
  overflowX: 'auto',
  '& table': { borderCollapse: 'collapse', width: '100%', fontSize: 14 },
  '& th, & td': { border: '1px solid', borderColor: 'divider', padding: '2px 4px', verticalAlign: 'middle' },
  '& th': {
    bgcolor: 'grey.100',
    fontWeight: 600,
    textAlign: 'left',
    px: 1,
    verticalAlign: 'bottom',
    // Stays in view while a long (windowed) table scrolls.
    position: 'sticky',
    top: 0,
    zIndex: 1,
  },
  '& tbody tr[data-row]': { height: '33px' },
  '& th.computed': { color: 'text.secondary', bgcolor: 'grey.200' },
  '& td.computed': {
    bgcolor: 'grey.100',
    textAlign: 'right',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    px: 1,
    color: 'text.primary',
  },
  '& .contained': { display: 'block', contain: 'strict', height: '22px', lineHeight: '22px', overflow: 'hidden' },
  '& td.rownum': { textAlign: 'right', color: 'text.secondary', px: 1 },
  '& .cell-input': {
    width: '100%',
    // Size-contained, with a set height: typing changes the input's inner text, and without containment Chromium
    // recomputes the whole table's intrinsic widths on every keystroke (measured: 15–200 ms against < 1 ms).
    // No paint containment: it would clip the focus outline.
    height: '28px',
    contain: 'size layout style',
    boxSizing: 'border-box',
    border: '1px solid transparent',
    background: 'transparent',
    font: 'inherit',
    padding: '4px',
    borderRadius: '2px',
  },
  '& .row-remove': {
    border: 0,
    background: 'transparent',
    color: 'text.secondary',
    cursor: 'pointer',
    padding: '4px',
    borderRadius: '50%',
    lineHeight: 0,
  },
  '& .row-remove:hover': { bgcolor: 'action.hover', color: 'error.main' },
  '& .row-remove:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' },
  '& .cell-view': {
    display: 'block',
    width: '100%',
    height: '28px',
    boxSizing: 'border-box',
    border: '1px solid transparent',
    background: 'transparent',
    font: 'inherit',
    color: 'inherit',
    padding: '4px',
    borderRadius: '2px',
    textAlign: 'left',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    cursor: 'text',
  },
  '& .cell-view.num': { textAlign: 'right' },
  '& .cell-view:hover': { borderColor: 'divider' },
  '& .cell-input:focus': { outline: '2px solid', outlineColor: 'primary.main', background: '#fff' },
  '& .cell-input.num': { textAlign: 'right' },
  '& .cell-error': { borderColor: 'error.main', background: '#fdecea' },
} as const;
