/**
 * Material / energy / water balance (物料平衡): inputs and outputs of the audit focus with their totals and the
 * deviation (Σin − Σout) / Σin, flagged against the configured limit. The server recomputes the deviation.
 *
 * Registered at rank 10 for an object control with `options.widget` / `x-widget` "balance-table". The object
 * holds two arrays of lines `{ name, quantity, unit? }` and optionally a `deviation` field; when the form
 * computes it (`x-computed`, e.g. `deviationPct(sum(inputs,'quantity'), sum(outputs,'quantity'))`) the shared
 * rule layer's value is shown, otherwise the deviation is computed here for display. UI schema options:
 * `fields` ({ inputs, outputs, deviation } renames), `limit` (percent, default 5), `unit`.
 */
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormHelperText from '@mui/material/FormHelperText';
import Grid from '@mui/material/Grid';
import IconButton from '@mui/material/IconButton';
import Typography from '@mui/material/Typography';
import type { ControlProps, RankedTester } from '@jsonforms/core';
import { and, isObjectControl, optionIs, or, rankWith, schemaMatches } from '@jsonforms/core';
import { useJsonForms, withJsonFormsControlProps } from '@jsonforms/react';
import { useCallback, useMemo } from 'react';
import { useI18n } from '../../i18n/I18nContext';
import type { BalanceLine } from '../balance';
import { balanceTotals } from '../balance';
import { computedProps, computeRow } from '../rules';
import { NumberCell, tableSx, TextCell } from './cells';
import { propertiesOf, unitOf, useDraft, useErrorsUnder } from './common';

type Balance = Record<string, unknown>;

export interface BalanceFields {
  inputs: string;
  outputs: string;
  deviation: string;
}

const DEFAULT_FIELDS: BalanceFields = { inputs: 'inputs', outputs: 'outputs', deviation: 'deviation' };

const linesOf = (v: unknown): BalanceLine[] => (Array.isArray(v) ? (v as BalanceLine[]) : []);

function Lines({
  title,
  lines,
  side,
  unit,
  errors,
  enabled,
  onLines,
  onBlur,
}: {
  title: string;
  lines: BalanceLine[];
  side: string;
  unit?: string;
  errors: Readonly<Record<string, string>>;
  enabled: boolean;
  onLines(lines: BalanceLine[]): void;
  onBlur(): void;
}) {
  const { t } = useI18n();
  const setLine = (i: number, prop: keyof BalanceLine, value: unknown) => {
    const next = lines.map((l, j) => {
      if (j !== i) return l;
      const copy: Record<string, unknown> = { ...l };
      if (value === undefined) delete copy[prop];
      else copy[prop] = value;
      return copy as BalanceLine;
    });
    onLines(next);
  };
  const err = (i: number, prop: string) => errors[`/${side}/${i}/${prop}`];
  return (
    <Box sx={tableSx}>
      <table>
        <caption style={{ textAlign: 'left', fontWeight: 600, padding: 4 }}>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('form.balance.item')}</th>
            <th scope="col">{t('form.balance.quantity')}</th>
            <th scope="col">{t('form.balance.unit')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((line, i) => (
            <tr key={i}>
              <td>
                <TextCell
                  prop="name"
                  value={line.name}
                  onField={(p, v) => setLine(i, p as keyof BalanceLine, v)}
                  onBlur={onBlur}
                  label={`${title} ${t('form.balance.item')} ${i + 1}`}
                  error={err(i, 'name')}
                  enabled={enabled}
                />
              </td>
              <td>
                <NumberCell
                  prop="quantity"
                  value={line.quantity}
                  onField={(p, v) => setLine(i, p as keyof BalanceLine, v)}
                  onBlur={onBlur}
                  label={`${title} ${t('form.balance.quantity')} ${i + 1}`}
                  error={err(i, 'quantity')}
                  enabled={enabled}
                />
              </td>
              <td>
                <TextCell
                  prop="unit"
                  value={line.unit ?? unit}
                  onField={(p, v) => setLine(i, p as keyof BalanceLine, v)}
                  onBlur={onBlur}
                  label={`${title} ${t('form.balance.unit')} ${i + 1}`}
                  enabled={enabled}
                />
              </td>
              <td>
                {enabled && (
                  <IconButton
                    size="small"
                    aria-label={t('form.table.removeRow', { n: i + 1 })}
                    onClick={() => onLines(lines.filter((_, j) => j !== i))}
                  >
                    <DeleteIcon fontSize="small" />
                  </IconButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {enabled && (
        <Button size="small" startIcon={<AddIcon />} onClick={() => onLines([...lines, unit ? { unit } : {}])}>
          {t('form.table.addRow')}
        </Button>
      )}
    </Box>
  );
}

export function BalanceTableControl(props: ControlProps) {
  const { data, handleChange, path, schema, uischema, label, enabled, visible, description, errors } = props;
  const i18n = useI18n();
  const { t, number } = i18n;
  const options = (uischema.options ?? {}) as { fields?: Partial<BalanceFields>; limit?: number; unit?: string };
  const fields = useMemo(() => ({ ...DEFAULT_FIELDS, ...options.fields }), [options.fields]);
  const limit = typeof options.limit === 'number' ? options.limit : 5;
  const parts = propertiesOf(schema);
  const ruled = computedProps(schema as { properties?: Record<string, unknown> }).has(fields.deviation);
  // Without a rule of the form's own, a declared deviation field is filled here (rounded to 0.01 %).
  const fillsDeviation = !ruled && fields.deviation in parts;
  const allErrors = useErrorsUnder(path);
  const ctx = useJsonForms();
  const root = ctx.core?.data;

  const commit = useCallback(
    (next: Balance) => {
      const out = { ...next };
      if (fillsDeviation) {
        const d = balanceTotals(linesOf(next[fields.inputs]), linesOf(next[fields.outputs])).deviationPercent;
        if (d === undefined) delete out[fields.deviation];
        else out[fields.deviation] = Math.round(d * 100) / 100;
      }
      handleChange(path, out);
    },
    [fillsDeviation, fields, handleChange, path],
  );
  const value = useMemo(() => (data && typeof data === 'object' ? (data as Balance) : {}), [data]);
  const [draft, change, flush] = useDraft<Balance>(value, commit);
  const inputs = linesOf(draft[fields.inputs]);
  const outputs = linesOf(draft[fields.outputs]);
  const own = balanceTotals(inputs, outputs);
  const ruledValue = ruled ? computeRow(schema, draft, root)[fields.deviation] : undefined;
  const totals = {
    ...own,
    deviationPercent: ruled ? (typeof ruledValue === 'number' ? ruledValue : undefined) : own.deviationPercent,
  };
  const over = totals.deviationPercent !== undefined && Math.abs(totals.deviationPercent) > limit;
  if (!visible) return null;
  const unit = options.unit ?? unitOf(propertiesOf(parts[fields.inputs]).quantity);
  return (
    <Box sx={{ my: 2 }} data-testid="balance-table">
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {label}
      </Typography>
      {description && (
        <Typography variant="body2" color="text.secondary">
          {description}
        </Typography>
      )}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Lines
            title={t('form.balance.inputs')}
            side={fields.inputs}
            lines={inputs}
            unit={unit}
            errors={allErrors}
            enabled={enabled}
            onLines={(l) => change((prev) => ({ ...prev, [fields.inputs]: l }))}
            onBlur={flush}
          />
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          <Lines
            title={t('form.balance.outputs')}
            side={fields.outputs}
            lines={outputs}
            unit={unit}
            errors={allErrors}
            enabled={enabled}
            onLines={(l) => change((prev) => ({ ...prev, [fields.outputs]: l }))}
            onBlur={flush}
          />
        </Grid>
      </Grid>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mt: 1 }} data-testid="balance-totals">
        <Typography variant="body2">
          {t('form.balance.totalIn')}: <b>{number(totals.totalIn, { unit })}</b>
        </Typography>
        <Typography variant="body2">
          {t('form.balance.totalOut')}: <b>{number(totals.totalOut, { unit })}</b>
        </Typography>
        <Typography variant="body2">
          {t('form.balance.difference')}: <b>{number(totals.difference, { unit })}</b>
        </Typography>
        <Typography variant="body2" data-testid="balance-deviation">
          {t('form.balance.deviation')}: <b>{number(totals.deviationPercent, { unit: '%' })}</b>
        </Typography>
        {totals.deviationPercent !== undefined && (
          <Chip
            size="small"
            color={over ? 'error' : 'success'}
            variant="outlined"
            label={over ? t('form.balance.overLimit', { limit }) : t('form.balance.withinLimit', { limit })}
          />
        )}
      </Box>
      {errors && <FormHelperText error>{errors}</FormHelperText>}
    </Box>
  );
}

export const balanceTableTester: RankedTester = rankWith(
  10,
  and(
    isObjectControl,
    or(
      optionIs('widget', 'balance-table'),
      schemaMatches((s) => (s as Record<string, unknown>)['x-widget'] === 'balance-table'),
    ),
  ),
);

export const BalanceTableRenderer = withJsonFormsControlProps(BalanceTableControl);
