/** The task inbox: every open task the user may act on (or, for a consultant, draft), soonest due first. */
import RefreshIcon from '@mui/icons-material/Refresh';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useApi } from '../../api/ApiContext';
import { DueChip } from '../../components/chips';
import { PageHeader } from '../../components/PageHeader';
import { AsyncView } from '../../components/states';
import { useAsync } from '../../components/useAsync';
import { useI18n } from '../../i18n/I18nContext';
import { Link } from '../../router/router';

export function InboxPage() {
  const api = useApi();
  const { t, pick } = useI18n();
  const tasks = useAsync(() => api.tasks.list(), [api]);
  return (
    <>
      <PageHeader
        title={t('tasks.title')}
        actions={
          <Button startIcon={<RefreshIcon />} onClick={tasks.reload} disabled={tasks.loading}>
            {t('common.refresh')}
          </Button>
        }
      />
      <AsyncView state={tasks} isEmpty={(d) => d.items.length === 0} empty={t('tasks.empty')}>
        {(data) => (
          <TableContainer component={Paper} variant="outlined">
            <Table size="small" aria-label={t('tasks.title')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('common.name')}</TableCell>
                  <TableCell>{t('tasks.stage')}</TableCell>
                  <TableCell>{t('tasks.enterprise')}</TableCell>
                  <TableCell>{t('tasks.due')}</TableCell>
                  <TableCell>{t('tasks.form')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.items.map((task) => (
                  <TableRow key={task.id} hover data-testid="task-row">
                    <TableCell>
                      <Link href={`/tasks/${task.id}`}>{pick(task.title) || task.formId}</Link>
                      {task.access === 'draft' && (
                        <Chip size="small" sx={{ ml: 1 }} label={t('tasks.draftOnly')} variant="outlined" />
                      )}
                    </TableCell>
                    <TableCell>{task.stage ?? '–'}</TableCell>
                    <TableCell>{task.organisationName ?? '–'}</TableCell>
                    <TableCell>
                      <DueChip dueAt={task.dueAt} />
                    </TableCell>
                    <TableCell>
                      <Box component="span" sx={{ fontFamily: 'monospace', fontSize: 12 }}>
                        {task.formId} v{task.formVersion}
                      </Box>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </AsyncView>
    </>
  );
}
