/**
 * The administrators' dashboard: the snapshot of their region (GET /api/admin/dashboard) as figures and charts —
 * cases by programme, stage, district and industry, overdue steps (linking to the cases list's "stuck" view),
 * certificates expiring, savings by year, consultancy quality. Snapshots are recounted every few minutes; "recount
 * now" asks for a fresh one.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { Counts, Dashboard } from '../../../api/admin';
import { useAdminApi } from '../../../api/admin';
import { useApi } from '../../../api/ApiContext';
import { PageHeader } from '../../../components/PageHeader';
import { childRegions } from '../../../components/RegionName';
import { AsyncView, ErrorState } from '../../../components/states';
import { useAsync } from '../../../components/useAsync';
import { useI18n } from '../../../i18n/I18nContext';
import { Link, useRouter } from '../../../router/router';
import type { Datum } from './charts';
import { ChartCard, CountBars, GroupedBars, YearLines } from './charts';

const TOP = 12;

/** Largest first, the rest summed into one bar. */
export function topCounts(counts: Counts, label: (key: string) => string, other: string): Datum[] {
  const all = Object.entries(counts)
    .map(([key, value]) => ({ key, label: label(key), value }))
    .sort((a, b) => b.value - a.value || a.key.localeCompare(b.key));
  if (all.length <= TOP) return all;
  const rest = all.slice(TOP - 1).reduce((n, d) => n + d.value, 0);
  return [...all.slice(0, TOP - 1), { key: '~other', label: other, value: rest }];
}

/** District names for their codes (GB/T 2260: the city is the code's first four digits + 00). */
function useDistrictNames(codes: string[]): Record<string, string> {
  const api = useApi();
  const { pick } = useI18n();
  const [names, setNames] = useState<Record<string, string>>({});
  const key = [...new Set(codes.map((c) => c.slice(0, 4)))].sort().join(',');
  useEffect(() => {
    let live = true;
    void Promise.all(
      key
        .split(',')
        .filter((p) => /^\d{4}$/.test(p))
        .map((p) => childRegions(api, `${p}00`).catch(() => [])),
    ).then((lists) => {
      if (!live) return;
      const found: Record<string, string> = {};
      for (const r of lists.flat()) found[r.code] = pick(r.name);
      setNames(found);
    });
    return () => {
      live = false;
    };
  }, [api, key, pick]);
  return names;
}

function Figure({
  label,
  value,
  testId,
  children,
}: {
  label: string;
  value: string;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <Card variant="outlined" sx={{ height: '100%' }}>
      <CardContent>
        <Typography color="text.secondary" variant="body2">
          {label}
        </Typography>
        <Typography variant="h4" component="p" data-testid={testId} sx={{ fontWeight: 600 }}>
          {value}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

function Charts({ d }: { d: Dashboard }) {
  const api = useApi();
  const { t, pick, number } = useI18n();
  const programmes = useAsync(() => api.programmesAdmin.list().catch(() => ({ items: [] })), [api]);
  const titleOf = (id: string) => {
    const p = programmes.data?.items.find((x) => x.id === id);
    return p ? pick(p.title) || id : id;
  };
  const districts = useDistrictNames(Object.keys(d.cases.byDistrict));
  const unknown = (key: string, name: (k: string) => string) =>
    key === 'unknown' ? t('dash.unknown') : name(key);
  const other = t('dash.other');
  const byProgramme = topCounts(d.cases.byProgramme, (k) => titleOf(k), other);
  const byStage = topCounts(d.cases.byStage, (k) => unknown(k, (x) => x), other);
  const byDistrict = topCounts(d.cases.byDistrict, (k) => unknown(k, (x) => districts[x] ?? x), other);
  const byIndustry = topCounts(d.cases.byIndustry, (k) => unknown(k, (x) => x), other);
  const years = Object.keys(d.savings.byYear).sort();
  const savings = years.map((year) => {
    const s = d.savings.byYear[year]!;
    return { year, tce: s.tce, co2T: s.co2T, waterT: s.waterT };
  });
  const pollutants = [...new Set(years.flatMap((y) => Object.keys(d.savings.byYear[y]!.pollutants)))].sort();
  const consultancies = d.consultancies.slice(0, 10).map((c) => ({
    label: c.name ?? c.consultancyId,
    passed: c.passed,
    failed: c.failed,
    revisionLoops: c.revisionLoops,
  }));
  const counted = (data: Datum[], head: string) => ({
    head: [head, t('dash.cases')],
    rows: data.map((x) => [x.label, x.value]),
  });
  const rate = (passed: number, failed: number) =>
    passed + failed ? `${number((100 * passed) / (passed + failed), { maximumFractionDigits: 1 })} %` : '–';

  return (
    <Grid container spacing={2}>
      {(
        [
          ['byProgramme', t('dash.byProgramme'), byProgramme, t('dash.programme')],
          ['byStage', t('dash.byStage'), byStage, t('dash.stage')],
          ['byDistrict', t('dash.byDistrict'), byDistrict, t('dash.district')],
          ['byIndustry', t('dash.byIndustry'), byIndustry, t('dash.industry')],
        ] as const
      ).map(([id, title, data, head]) => (
        <Grid key={id} size={{ xs: 12, md: 6 }}>
          <ChartCard title={title} testId={`chart-${id}`} table={counted(data, head)} empty={!data.length}>
            <CountBars data={data} name={t('dash.cases')} />
          </ChartCard>
        </Grid>
      ))}
      <Grid size={{ xs: 12, md: 6 }}>
        <ChartCard
          title={t('dash.savings')}
          testId="chart-savings"
          empty={!years.length}
          table={{
            head: [
              t('dash.year'),
              t('dash.tce'),
              t('dash.co2'),
              t('dash.water'),
              ...pollutants,
              t('dash.cases'),
            ],
            rows: years.map((y) => {
              const s = d.savings.byYear[y]!;
              return [y, s.tce, s.co2T, s.waterT, ...pollutants.map((p) => s.pollutants[p] ?? 0), s.cases];
            }),
          }}
        >
          <YearLines
            data={savings}
            series={[
              { key: 'tce', label: t('dash.tce') },
              { key: 'co2T', label: t('dash.co2') },
            ]}
          />
        </ChartCard>
      </Grid>
      <Grid size={{ xs: 12, md: 6 }}>
        <ChartCard
          title={t('dash.quality')}
          testId="chart-quality"
          empty={!d.consultancies.length}
          table={{
            head: [
              t('dash.consultancy'),
              t('dash.cases'),
              t('dash.passRate'),
              t('dash.revisionLoops'),
              t('dash.findingsBlock'),
              t('dash.findingsWarn'),
            ],
            rows: d.consultancies.map((c) => [
              c.name ?? c.consultancyId,
              c.cases,
              rate(c.passed, c.failed),
              c.revisionLoops,
              c.findings.block,
              c.findings.warn,
            ]),
          }}
        >
          <GroupedBars
            data={consultancies}
            series={[
              { key: 'passed', label: t('dash.passed') },
              { key: 'failed', label: t('dash.failed') },
              { key: 'revisionLoops', label: t('dash.revisionLoops') },
            ]}
          />
        </ChartCard>
      </Grid>
    </Grid>
  );
}

export default function DashboardPage() {
  const admin = useAdminApi();
  const { t, number, dateTime } = useI18n();
  const { location } = useRouter();
  const region = location.search.get('region') ?? undefined;
  const state = useAsync(() => admin.dashboard.get(region), [admin, region]);
  const [refreshing, setRefreshing] = useState(false);
  const [refreshError, setRefreshError] = useState<unknown>(undefined);

  const refresh = async () => {
    setRefreshing(true);
    setRefreshError(undefined);
    try {
      state.setData((await admin.dashboard.refresh(region)).dashboard);
    } catch (err) {
      setRefreshError(err);
    } finally {
      setRefreshing(false);
    }
  };

  return (
    <Box>
      <PageHeader
        title={t('dash.title')}
        subtitle={state.data ? t('dash.asOf', { time: dateTime(state.data.asOf) }) : undefined}
        actions={
          <>
            <Button component={Link} href="/cases?view=stuck" variant="outlined">
              {t('dash.stuck')}
            </Button>
            <Button onClick={() => void refresh()} disabled={refreshing} variant="contained">
              {refreshing ? t('dash.recounting') : t('dash.recount')}
            </Button>
          </>
        }
      />
      {refreshing ? <LinearProgress aria-label={t('dash.recounting')} sx={{ mb: 2 }} /> : null}
      {refreshError !== undefined ? <ErrorState error={refreshError} /> : null}
      <AsyncView state={state}>
        {(d) => (
          <Box sx={{ display: 'grid', gap: 2 }}>
            <Grid container spacing={2}>
              <Grid size={{ xs: 6, md: 3 }}>
                <Figure label={t('dash.total')} value={number(d.cases.total)} testId="figure-total">
                  <Typography variant="body2" color="text.secondary">
                    {t('dash.running', { n: number(d.cases.byStatus.running ?? 0) })}
                  </Typography>
                </Figure>
              </Grid>
              <Grid size={{ xs: 6, md: 3 }}>
                <Figure label={t('dash.overdue')} value={number(d.overdue.tasks)} testId="figure-overdue">
                  <Typography variant="body2">
                    <Link href="/cases?view=stuck">
                      {t('dash.overdueCases', { n: number(d.overdue.cases) })}
                    </Link>
                  </Typography>
                </Figure>
              </Grid>
              <Grid size={{ xs: 12, md: 6 }}>
                <Figure
                  label={t('dash.expiring')}
                  value={number(d.certificates.expiring.days30)}
                  testId="figure-expiring"
                >
                  <Typography variant="body2" color="text.secondary">
                    {t('dash.expiringMore', {
                      d90: number(d.certificates.expiring.days90),
                      d180: number(d.certificates.expiring.days180),
                    })}
                  </Typography>
                </Figure>
              </Grid>
            </Grid>
            {d.cases.total === 0 ? <Alert severity="info">{t('dash.empty')}</Alert> : null}
            <Charts d={d} />
          </Box>
        )}
      </AsyncView>
    </Box>
  );
}
