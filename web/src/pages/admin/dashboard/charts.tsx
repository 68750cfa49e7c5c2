/**
 * The dashboard's charts on recharts (loaded with the dashboard's chunk only). Every chart has its numbers as a
 * table too (`ChartCard`'s "table" toggle), for screen readers and for reading exact values.
 */
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import { useState } from 'react';
import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useI18n } from '../../../i18n/I18nContext';

export interface Datum {
  key: string;
  label: string;
  value: number;
}

export interface Series {
  key: string;
  label: string;
}

/** A titled card showing a chart, or the same numbers as a table. */
export function ChartCard({
  title,
  testId,
  table,
  children,
  empty,
}: {
  title: string;
  testId: string;
  table: { head: string[]; rows: (string | number)[][] };
  children: ReactNode;
  empty?: boolean;
}) {
  const { t, number } = useI18n();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Card variant="outlined" data-testid={testId} sx={{ height: '100%' }}>
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
          <Typography variant="h6" component="h2" sx={{ flexGrow: 1, fontSize: '1.05rem' }}>
            {title}
          </Typography>
          <ToggleButtonGroup
            size="small"
            exclusive
            value={view}
            onChange={(_e, v: 'chart' | 'table' | null) => v && setView(v)}
            aria-label={t('dash.view')}
          >
            <ToggleButton value="chart">{t('dash.viewChart')}</ToggleButton>
            <ToggleButton value="table">{t('dash.viewTable')}</ToggleButton>
          </ToggleButtonGroup>
        </Box>
        {empty ? (
          <Typography color="text.secondary" sx={{ py: 4, textAlign: 'center' }}>
            {t('dash.noData')}
          </Typography>
        ) : view === 'chart' ? (
          <Box sx={{ height: 260 }} aria-hidden data-testid={`${testId}-chart`}>
            {children}
          </Box>
        ) : (
          <Table size="small" aria-label={title}>
            <TableHead>
              <TableRow>
                {table.head.map((h, i) => (
                  <TableCell key={h} align={i ? 'right' : 'left'}>
                    {h}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {table.rows.map((row) => (
                <TableRow key={String(row[0])}>
                  {row.map((cell, i) => (
                    <TableCell key={i} align={i ? 'right' : 'left'}>
                      {typeof cell === 'number' ? number(cell) : cell}
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

/** Horizontal bars, largest first: counts by programme, stage, district, industry. */
export function CountBars({ data, name }: { data: Datum[]; name: string }) {
  const theme = useTheme();
  const { number } = useI18n();
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart
        accessibilityLayer={false}
        data={data}
        layout="vertical"
        margin={{ left: 8, right: 16, top: 4, bottom: 4 }}
      >
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => number(v)} />
        <YAxis type="category" dataKey="label" width={120} tick={{ fontSize: 12 }} interval={0} />
        <Tooltip formatter={(v) => number(Number(v))} />
        <Bar dataKey="value" name={name} fill={theme.palette.primary.main} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Values by year, one line per series (savings). */
export function YearLines({ data, series }: { data: Record<string, number | string>[]; series: Series[] }) {
  const theme = useTheme();
  const { number } = useI18n();
  const colours = [theme.palette.primary.main, theme.palette.success.main, theme.palette.warning.main];
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart accessibilityLayer={false} data={data} margin={{ left: 8, right: 16, top: 4, bottom: 4 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="year" />
        <YAxis tickFormatter={(v: number) => number(v)} width={70} />
        <Tooltip formatter={(v) => number(Number(v))} />
        <Legend />
        {series.map((s, i) => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.label}
            stroke={colours[i % colours.length]}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

/** Grouped bars per item (consultancies: passed / failed / revision loops). */
export function GroupedBars({ data, series }: { data: Record<string, number | string>[]; series: Series[] }) {
  const theme = useTheme();
  const { number } = useI18n();
  const colours = [theme.palette.success.main, theme.palette.error.main, theme.palette.warning.main];
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart accessibilityLayer={false} data={data} margin={{ left: 8, right: 16, top: 4, bottom: 4 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={0} />
        <YAxis allowDecimals={false} tickFormatter={(v: number) => number(v)} />
        <Tooltip formatter={(v) => number(Number(v))} />
        <Legend />
        {series.map((s, i) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            fill={colours[i % colours.length]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
