/** Asks for a change note, then publishes; progress is shown while the server works. */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useI18n } from '../i18n/I18nContext';

export function PublishDialog({
  open,
  onClose,
  onPublish,
}: {
  open: boolean;
  onClose(): void;
  onPublish(note: string): void;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="publish-title">
      <DialogTitle id="publish-title">{t('designer.publish')}</DialogTitle>
      <DialogContent>
        <TextField
          label={t('designer.changeNote')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          fullWidth
          multiline
          margin="dense"
          autoFocus
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button
          variant="contained"
          onClick={() => {
            onPublish(note.trim());
            setNote('');
          }}
          data-testid="confirm-publish"
        >
          {t('designer.publish')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
