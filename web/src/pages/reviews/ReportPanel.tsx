/**
 * The report under review with its report-coherence findings beside it, for the expert's invitation and score
 * sheet (and the agency's formal check): the files, the audit focus, problems, options and targets as the
 * enterprise stated them, the material balance, and each finding of the coherence check — also marked on the
 * row it points at, so a reviewer sees where the report does not hang together.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useApi } from '../../api/ApiContext';
import { Facts } from '../../components/Facts';
import { AsyncView } from '../../components/states';
import { useAsync } from '../../components/useAsync';
import { ScrollTable } from '../../components/ScrollTable';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/zh';
import type { Finding, ReportData } from './report';
import { findingsByRow, reportFacts, reportUnderReview } from './report';

export function SeverityChip({ severity }: { severity: string }) {
  const { t } = useI18n();
  return (
    <Chip
      size="small"
      color={severity === 'block' ? 'error' : 'warning'}
      label={severity === 'block' ? t('coherence.block') : t('coherence.warn')}
      data-severity={severity}
    />
  );
}

export function Findings({ findings }: { findings: readonly Finding[] }) {
  const { t, pick } = useI18n();
  if (findings.length === 0) {
    return (
      <Alert severity="success" data-testid="coherence-clean">
        {t('coherence.clean')}
      </Alert>
    );
  }
  return (
    <List dense disablePadding aria-label={t('coherence.title')} data-testid="coherence-findings">
      {findings.map((f, i) => (
        <ListItem key={`${f.code}-${i}`} disableGutters data-testid="coherence-finding" data-code={f.code}>
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'baseline', flexWrap: 'wrap' }}>
            <SeverityChip severity={f.severity} />
            <Typography variant="body2" component="span">
              {pick(f.message) || f.code}
            </Typography>
            {f.path && (
              <Typography variant="caption" component="code" color="text.secondary">
                {f.path}
              </Typography>
            )}
          </Box>
        </ListItem>
      ))}
    </List>
  );
}

function Marks({ items }: { items: Finding[] | undefined }) {
  if (!items?.length) return null;
  return (
    <>
      {items.map((f, i) => (
        <Box key={i} component="span" sx={{ ml: 0.5 }}>
          <SeverityChip severity={f.severity} />
        </Box>
      ))}
    </>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="section" sx={{ mt: 2 }} aria-label={title}>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

function Digest({ data, findings }: { data: ReportData; findings: readonly Finding[] }) {
  const { t, number } = useI18n();
  const s = data.summary ?? {};
  const facts = reportFacts(data);
  const problemMarks = findingsByRow(findings, 'problems');
  const optionMarks = findingsByRow(findings, 'options');
  const targetMarks = findingsByRow(findings, 'targets');
  const factor = (id: string | undefined) => (id ? t(`factor.${id}` as MessageKey) : '–');
  return (
    <Box data-testid="report-digest">
      <Facts
        items={[
          { label: t('report.file'), value: data.reportFile?.name },
          { label: t('report.performanceFile'), value: data.performanceFile?.name },
          { label: t('report.focus'), value: facts.focus },
          {
            label: t('report.counts'),
            value: t('report.countsText', {
              problems: facts.problems,
              key: facts.keyProblems,
              options: facts.options,
              midHigh: facts.midHigh,
              implemented: facts.implemented,
              targets: facts.targets,
            }),
          },
          facts.deviationPct !== undefined && {
            label: t('report.deviation'),
            value: number(facts.deviationPct, { unit: '%', maximumFractionDigits: 2 }),
          },
        ]}
      />
      <Section title={t('report.problems')}>
        <ScrollTable label={t('report.problems')}>
          <Table size="small" aria-label={t('report.problems')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('common.id')}</TableCell>
                <TableCell>{t('report.factor')}</TableCell>
                <TableCell>{t('report.problem')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(s.problems ?? []).map((p, i) => (
                <TableRow key={p.id + i} selected={problemMarks.has(i)}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {p.id}
                    {p.key ? ' ★' : ''}
                  </TableCell>
                  <TableCell>{factor(p.factor)}</TableCell>
                  <TableCell>
                    {p.description}
                    <Marks items={problemMarks.get(i)} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
        <Typography variant="caption" color="text.secondary">
          {t('report.keyHint')}
        </Typography>
      </Section>
      <Section title={t('report.options')}>
        <ScrollTable label={t('report.options')}>
          <Table size="small" aria-label={t('report.options')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('common.id')}</TableCell>
                <TableCell>{t('common.name')}</TableCell>
                <TableCell>{t('report.solves')}</TableCell>
                <TableCell align="right">{t('referrals.capex')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(s.options ?? []).map((o, i) => (
                <TableRow key={o.id + i} selected={optionMarks.has(i)}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{o.id}</TableCell>
                  <TableCell>
                    {o.name}
                    {o.cost === 'mid-high' ? ` · ${t('report.midHigh')}` : ''}
                    {o.implemented ? ` · ${t('report.implemented')}` : ''}
                    <Marks items={optionMarks.get(i)} />
                  </TableCell>
                  <TableCell>{(o.problemIds ?? []).join(t('list.separator'))}</TableCell>
                  <TableCell align="right">{number(o.investment)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      </Section>
      <Section title={t('report.targets')}>
        <ScrollTable label={t('report.targets')}>
          <Table size="small" aria-label={t('report.targets')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('common.id')}</TableCell>
                <TableCell>{t('report.indicator')}</TableCell>
                <TableCell>{t('report.baselineTarget')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(s.targets ?? []).map((g, i) => (
                <TableRow key={g.id + i} selected={targetMarks.has(i)}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{g.id}</TableCell>
                  <TableCell>
                    {g.indicator}
                    <Marks items={targetMarks.get(i)} />
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {number(g.baseline)} → {number(g.target)} {g.unit}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      </Section>
    </Box>
  );
}

/** The panel for a case: loads its submissions and shows the latest report with its coherence findings. */
export function ReportPanel({ caseId }: { caseId: string }) {
  const api = useApi();
  const { t, dateTime } = useI18n();
  const state = useAsync(
    () => api.cases.submissions(caseId).then((p) => reportUnderReview(p.items)),
    [api, caseId],
  );
  return (
    <Box data-testid="report-panel">
      <Typography variant="h6" component="h2">
        {t('report.title')}
      </Typography>
      <AsyncView state={state}>
        {(r) =>
          !r.report ? (
            <Typography color="text.secondary" sx={{ mt: 1 }}>
              {t('report.none')}
            </Typography>
          ) : (
            <>
              <Typography variant="caption" color="text.secondary" component="div">
                {t('report.submittedAt', {
                  time: dateTime(r.report.submittedAt),
                  version: r.report.formVersion,
                })}
              </Typography>
              <Section title={t('coherence.title')}>
                {r.findings ? (
                  <>
                    <Findings findings={r.findings} />
                    {r.check && (
                      <Typography variant="caption" color="text.secondary">
                        {t('coherence.checkedAt', { time: dateTime(r.check.submittedAt) })}
                      </Typography>
                    )}
                  </>
                ) : (
                  <Typography variant="body2" color="text.secondary" data-testid="coherence-pending">
                    {t('coherence.pending')}
                  </Typography>
                )}
              </Section>
              <Digest data={(r.report.data ?? {}) as ReportData} findings={r.findings ?? []} />
            </>
          )
        }
      </AsyncView>
    </Box>
  );
}
