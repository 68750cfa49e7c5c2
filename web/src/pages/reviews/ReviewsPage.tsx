/**
 * The expert portal: review invitations to answer (accept, or decline — each with the conflict-of-interest
 * declaration of the `expert-invitation` form), score sheets to fill, and every review the expert takes part
 * in. Invitations and score sheets are the workflow's human steps, so they open on the task page, where the
 * report and its coherence findings sit beside the form.
 */
import RefreshIcon from '@mui/icons-material/Refresh';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useApi } from '../../api/ApiContext';
import type { TaskSummary } from '../../api/types';
import { CaseStatusChip, DueChip } from '../../components/chips';
import { AsyncView } from '../../components/states';
import { PageHeader } from '../../components/PageHeader';
import { useAsync } from '../../components/useAsync';
import { ScrollTable } from '../../components/ScrollTable';
import { useI18n } from '../../i18n/I18nContext';
import { Link } from '../../router/router';

export const INVITATION_FORM = 'expert-invitation';

/** Invitations first, then the other steps waiting for the expert (score sheets), each soonest due first. */
export function splitExpertTasks(tasks: readonly TaskSummary[]) {
  const byDue = (a: TaskSummary, b: TaskSummary) => (a.dueAt ?? '').localeCompare(b.dueAt ?? '');
  return {
    invitations: tasks.filter((x) => x.formId === INVITATION_FORM).sort(byDue),
    sheets: tasks.filter((x) => x.formId !== INVITATION_FORM).sort(byDue),
  };
}

function TaskCard({ task, action, testId }: { task: TaskSummary; action: string; testId: string }) {
  const { t, pick } = useI18n();
  return (
    <Card
      variant="outlined"
      data-testid={testId}
      component="article"
      aria-label={pick(task.title) || task.formId}
    >
      <CardContent>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {task.organisationName ?? task.caseId}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {pick(task.title) || task.formId}
        </Typography>
        <Box sx={{ display: 'flex', gap: 1, mt: 1, flexWrap: 'wrap' }}>
          {task.stage && <Chip size="small" label={task.stage} />}
          <DueChip dueAt={task.dueAt} />
        </Box>
      </CardContent>
      <CardActions>
        <Button variant="contained" size="small" component={Link} href={`/tasks/${task.id}`}>
          {action}
        </Button>
        <Button size="small" component={Link} href={`/cases/${task.caseId}`}>
          {t('cases.detail')}
        </Button>
      </CardActions>
    </Card>
  );
}

function TaskCards({
  tasks,
  empty,
  action,
  testId,
}: {
  tasks: TaskSummary[];
  empty: string;
  action: string;
  testId: string;
}) {
  if (tasks.length === 0) {
    return (
      <Typography color="text.secondary" sx={{ mb: 1 }}>
        {empty}
      </Typography>
    );
  }
  return (
    <Grid container spacing={2}>
      {tasks.map((task) => (
        <Grid key={task.id} size={{ xs: 12, sm: 6, lg: 4 }}>
          <TaskCard task={task} action={action} testId={testId} />
        </Grid>
      ))}
    </Grid>
  );
}

function Reviews() {
  const api = useApi();
  const { t, pick, dateTime } = useI18n();
  const cases = useAsync(() => api.cases.list(), [api]);
  return (
    <AsyncView state={cases} isEmpty={(d) => d.items.length === 0} empty={t('reviews.noCases')}>
      {(data) => (
        <ScrollTable label={t('reviews.cases')} outlined>
          <Table size="small" aria-label={t('reviews.cases')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('cases.organisation')}</TableCell>
                <TableCell>{t('cases.programme')}</TableCell>
                <TableCell>{t('cases.stage')}</TableCell>
                <TableCell>{t('common.status')}</TableCell>
                <TableCell>{t('common.updatedAt')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.items.map((c) => (
                <TableRow key={c.id} hover data-testid="review-case-row">
                  <TableCell>
                    <Link href={`/cases/${c.id}`}>{c.organisationName ?? c.id}</Link>
                  </TableCell>
                  <TableCell>{pick(c.programmeTitle) || c.programmeId}</TableCell>
                  <TableCell>{pick(c.stage) || '–'}</TableCell>
                  <TableCell>
                    <CaseStatusChip status={c.status} />
                  </TableCell>
                  <TableCell>{dateTime(c.updatedAt ?? c.createdAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      )}
    </AsyncView>
  );
}

export function ReviewsPage() {
  const api = useApi();
  const { t } = useI18n();
  const tasks = useAsync(() => api.tasks.list().then((p) => splitExpertTasks(p.items)), [api]);
  return (
    <>
      <PageHeader
        title={t('reviews.title')}
        subtitle={t('reviews.intro')}
        actions={
          <Button startIcon={<RefreshIcon />} onClick={tasks.reload} disabled={tasks.loading}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Box component="section" aria-labelledby="invitations-heading" sx={{ mb: 3 }}>
        <Typography variant="h6" component="h2" id="invitations-heading" sx={{ mb: 1 }}>
          {t('reviews.invitations')}
        </Typography>
        <AsyncView state={tasks}>
          {(d) => (
            <TaskCards
              tasks={d.invitations}
              empty={t('reviews.noInvitations')}
              action={t('reviews.respond')}
              testId="invitation-card"
            />
          )}
        </AsyncView>
      </Box>
      <Box component="section" aria-labelledby="sheets-heading" sx={{ mb: 3 }}>
        <Typography variant="h6" component="h2" id="sheets-heading" sx={{ mb: 1 }}>
          {t('reviews.sheets')}
        </Typography>
        <AsyncView state={tasks}>
          {(d) => (
            <TaskCards
              tasks={d.sheets}
              empty={t('reviews.noSheets')}
              action={t('reviews.score')}
              testId="sheet-card"
            />
          )}
        </AsyncView>
      </Box>
      <Box component="section" aria-labelledby="cases-heading">
        <Typography variant="h6" component="h2" id="cases-heading" sx={{ mb: 1 }}>
          {t('reviews.cases')}
        </Typography>
        <Reviews />
      </Box>
    </>
  );
}
