/**
 * A case's submissions, each pinned to the form version it was made on; one can be opened read-only on that
 * exact version (its files download), or withdrawn while the next step has not started (the server decides).
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Snackbar from '@mui/material/Snackbar';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useApi } from '../../api/ApiContext';
import type { Submission } from '../../api/types';
import { AsyncView, errorMessage } from '../../components/states';
import { useAsync } from '../../components/useAsync';
import { useReadOnlyServices } from '../../forms/downloads';
import { FormView } from '../../forms/FormView';
import { useI18n } from '../../i18n/I18nContext';

export function SubmissionDialog({ submission, onClose }: { submission: Submission; onClose(): void }) {
  const api = useApi();
  const { t, pick } = useI18n();
  // The task carries the form version it asked for, which is the version of this submission.
  const task = useAsync(() => api.tasks.get(submission.taskId), [api, submission.taskId]);
  const services = useReadOnlyServices();
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="lg" aria-labelledby="submission-title">
      <DialogTitle id="submission-title">
        {submission.formId} · {t('tasks.formVersion', { version: submission.formVersion })}
      </DialogTitle>
      <DialogContent>
        <AsyncView state={task}>
          {(d) => (
            <>
              <Typography variant="subtitle1">{pick(d.form.title)}</Typography>
              <FormView
                form={d.form}
                data={submission.data ?? {}}
                onChange={() => undefined}
                readonly
                services={services}
              />
            </>
          )}
        </AsyncView>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

export function Submissions({ caseId }: { caseId: string }) {
  const api = useApi();
  const i18n = useI18n();
  const { t, dateTime } = i18n;
  const list = useAsync(() => api.cases.submissions(caseId), [api, caseId]);
  const [viewing, setViewing] = useState<Submission | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const withdraw = async (s: Submission) => {
    setError(undefined);
    try {
      await api.submissions.withdraw(s.id);
      setToast(t('cases.withdrawn'));
      list.reload();
    } catch (e) {
      setError(e);
    }
  };
  const who = (s: Submission) =>
    typeof s.submittedBy === 'string'
      ? s.submittedBy
      : (s.submittedBy?.username ?? s.submittedBy?.userId ?? '–');
  return (
    <>
      <Typography variant="h6" component="h2">
        {t('cases.submissions')}
      </Typography>
      {error !== undefined && <Alert severity="error">{errorMessage(i18n, error)}</Alert>}
      <AsyncView state={list} isEmpty={(d) => d.items.length === 0} empty={t('cases.noSubmissions')}>
        {(data) => (
          <Table size="small" aria-label={t('cases.submissions')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('tasks.form')}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('common.version')}</TableCell>
                <TableCell>{t('cases.submittedBy')}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{t('cases.submittedAt')}</TableCell>
                <TableCell>
                  <span className="visually-hidden">{t('common.actions')}</span>
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.items.map((s) => (
                <TableRow key={s.id} data-testid="submission-row">
                  <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{s.formId}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>v{s.formVersion}</TableCell>
                  <TableCell>{who(s)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{dateTime(s.submittedAt)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    <Button size="small" onClick={() => setViewing(s)}>
                      {t('cases.view')}
                    </Button>
                    {!s.withdrawnAt && (
                      <Button size="small" color="warning" onClick={() => void withdraw(s)}>
                        {t('cases.withdraw')}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </AsyncView>
      {viewing && <SubmissionDialog submission={viewing} onClose={() => setViewing(null)} />}
      <Snackbar open={!!toast} autoHideDuration={4000} onClose={() => setToast(null)} message={toast} />
    </>
  );
}
