/**
 * One case: where it stands (status, stage, steps done and open, what it waits on and since when), its
 * submissions with the exact form version each was made on, and its verified event log. While a freshly
 * started case has not opened its first task yet, the page polls briefly.
 */
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useApi } from '../../api/ApiContext';
import type { CaseDetail } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { assigneeText, stepCounts, stepsOf } from '../../components/cases';
import { CaseStatusChip, DueChip } from '../../components/chips';
import { PageHeader } from '../../components/PageHeader';
import { AsyncView, Loading } from '../../components/states';
import { useAsync } from '../../components/useAsync';
import { useI18n } from '../../i18n/I18nContext';
import { Link } from '../../router/router';
import { ReportPanel } from '../reviews/ReportPanel';
import { Submissions } from './Submissions';
import { Timeline } from './Timeline';

const ExecutionGraph = lazy(() => import('./ExecutionGraph'));

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Grid size={{ xs: 12, sm: 6, md: 3 }}>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Box>{children}</Box>
    </Grid>
  );
}

function CaseView({ c }: { c: CaseDetail }) {
  const me = useMe();
  const i18n = useI18n();
  const { t, pick, dateTime } = i18n;
  const steps = stepsOf(c);
  const { done, open } = stepCounts(c.timeline, steps.length);
  const percent =
    c.status === 'completed' ? 100 : done + open > 0 ? Math.round((done / (done + open)) * 100) : 0;
  return (
    <>
      <PageHeader
        back={
          <Button component={Link} href="/cases" startIcon={<ArrowBackIcon />} size="small">
            {t('cases.title')}
          </Button>
        }
        title={pick(c.programmeTitle) || c.programmeId}
        subtitle={`${c.organisationName ?? ''} · ${c.id}`}
      />
      <Card variant="outlined">
        <CardContent>
          <Grid container spacing={2}>
            <Fact label={t('common.status')}>
              <CaseStatusChip status={c.status} />
            </Fact>
            <Fact label={t('cases.stage')}>{pick(c.stage) || '–'}</Fact>
            <Fact label={t('cases.workflowVersion')}>{c.workflowVersion ?? '–'}</Fact>
            <Fact label={t('cases.started')}>{dateTime(c.createdAt)}</Fact>
          </Grid>
          <Box sx={{ mt: 2 }}>
            <Typography variant="body2" id="case-progress">
              {t('cases.progress')}: {t('cases.stepsDone', { done, open })}
            </Typography>
            <LinearProgress
              variant="determinate"
              value={percent}
              aria-labelledby="case-progress"
              sx={{ height: 8, borderRadius: 4, mt: 0.5 }}
            />
          </Box>
          {c.parentCaseId && (
            <Typography variant="body2" sx={{ mt: 1 }}>
              {t('cases.parent')}: <Link href={`/cases/${c.parentCaseId}`}>{c.parentCaseId}</Link>
            </Typography>
          )}
          {Array.isArray(c.children) && c.children.length > 0 && (
            <Typography variant="body2" sx={{ mt: 1 }} component="div">
              {t('cases.children')}:{' '}
              {c.children.map((ch) => {
                const id = typeof ch === 'string' ? ch : ch.id;
                return (
                  <Link key={id} href={`/cases/${id}`} style={{ marginRight: 8 }}>
                    {typeof ch === 'string' ? ch : pick(ch.programmeTitle) || ch.id}
                  </Link>
                );
              })}
            </Typography>
          )}
        </CardContent>
      </Card>
      <Grid container spacing={2} sx={{ mt: 0 }}>
        <Grid size={{ xs: 12, md: 6 }}>
          <Card variant="outlined">
            <CardContent>
              <Typography variant="h6" component="h2">
                {t('cases.currentSteps')}
              </Typography>
              {steps.length === 0 ? (
                <Typography color="text.secondary" sx={{ mt: 1 }}>
                  {c.status === 'running' ? t('cases.waitingForTask') : t('cases.noCurrentSteps')}
                </Typography>
              ) : (
                <List dense>
                  {steps.map((s) => (
                    <ListItem key={s.taskId} data-testid="current-step" sx={{ flexWrap: 'wrap', gap: 1 }}>
                      <ListItemText
                        primary={pick(s.title) || s.formId}
                        secondary={`${t('cases.assignee')}: ${assigneeText(i18n, s.assignee, c.organisationName)}${
                          s.openedAt ? ` · ${dateTime(s.openedAt)}` : ''
                        }`}
                      />
                      <DueChip dueAt={s.dueAt} />
                      <Button size="small" component={Link} href={`/tasks/${s.taskId}`} variant="outlined">
                        {t('cases.openTask')}
                      </Button>
                    </ListItem>
                  ))}
                </List>
              )}
            </CardContent>
          </Card>
          <Card variant="outlined" sx={{ mt: 2 }}>
            <CardContent>
              <Submissions caseId={c.id} />
            </CardContent>
          </Card>
          {me.role === 'admin' && c.workflowId && (
            <Card variant="outlined" sx={{ mt: 2 }}>
              <CardContent>
                <Typography variant="h6" component="h2">
                  {t('cases.execution')}
                </Typography>
                <Suspense fallback={<Loading />}>
                  <ExecutionGraph c={c} />
                </Suspense>
              </CardContent>
            </Card>
          )}
        </Grid>
        <Grid size={{ xs: 12, md: 6 }}>
          {me.role === 'expert' && (
            <Card variant="outlined" sx={{ mb: 2 }}>
              <CardContent>
                <ReportPanel caseId={c.id} />
              </CardContent>
            </Card>
          )}
          <Card variant="outlined">
            <CardContent>
              <Timeline caseId={c.id} events={c.timeline} />
            </CardContent>
          </Card>
        </Grid>
      </Grid>
    </>
  );
}

export function CaseDetailPage({ id }: { id: string }) {
  const api = useApi();
  const state = useAsync(() => api.cases.get(id), [api, id]);
  const [polls, setPolls] = useState(0);
  const waiting = state.data?.status === 'running' && stepsOf(state.data).length === 0;
  const { loading, reload } = state;
  useEffect(() => {
    if (!waiting || loading || polls >= 20) return;
    const timer = setTimeout(() => {
      setPolls((n) => n + 1);
      reload();
    }, 750);
    return () => clearTimeout(timer);
  }, [waiting, loading, reload, polls]);
  return <AsyncView state={state}>{(c) => <CaseView c={c} />}</AsyncView>;
}
