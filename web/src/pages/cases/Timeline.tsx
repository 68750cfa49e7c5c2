/** A case's append-only, hash-chained event log, newest last, with a check of the chain on demand. */
import VerifiedIcon from '@mui/icons-material/VerifiedUser';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useApi } from '../../api/ApiContext';
import type { CaseEvent, VerifyResult } from '../../api/types';
import { actorText, eventLabel } from '../../components/cases';
import { EmptyState, errorMessage } from '../../components/states';
import { useI18n } from '../../i18n/I18nContext';

export function Timeline({ caseId, events }: { caseId: string; events: readonly CaseEvent[] }) {
  const api = useApi();
  const i18n = useI18n();
  const { t, pick, dateTime } = i18n;
  const [verifying, setVerifying] = useState(false);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const verify = async () => {
    setVerifying(true);
    setError(undefined);
    try {
      setResult(await api.cases.verify(caseId));
    } catch (e) {
      setError(e);
    } finally {
      setVerifying(false);
    }
  };
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          {t('cases.timeline')}
        </Typography>
        <Button startIcon={<VerifiedIcon />} onClick={() => void verify()} disabled={verifying}>
          {verifying ? t('cases.verifying') : t('cases.verify')}
        </Button>
      </Box>
      {verifying && <LinearProgress aria-label={t('cases.verifying')} />}
      {result && (
        <Alert severity={result.valid ? 'success' : 'error'} sx={{ mb: 1 }} data-testid="verify-result">
          {result.valid
            ? t('cases.verified', { events: result.events })
            : t('cases.broken', { seq: result.brokenAt ?? '?' })}
        </Alert>
      )}
      {error !== undefined && <Alert severity="error">{errorMessage(i18n, error)}</Alert>}
      {sorted.length === 0 ? (
        <EmptyState>{t('cases.timelineEmpty')}</EmptyState>
      ) : (
        <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0 }} aria-label={t('cases.timeline')}>
          {sorted.map((e) => (
            <Box
              component="li"
              key={e.seq}
              sx={{ position: 'relative', pl: 3, pb: 2, borderLeft: 2, borderColor: 'divider', ml: 1 }}
              data-testid="timeline-event"
              data-kind={e.kind ?? e.type}
            >
              <Box
                aria-hidden
                sx={{
                  position: 'absolute',
                  left: -7,
                  top: 4,
                  width: 12,
                  height: 12,
                  borderRadius: '50%',
                  bgcolor: (e.kind ?? '').startsWith('case.') ? 'primary.main' : 'grey.500',
                }}
              />
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {eventLabel(i18n, e)}
                <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1 }}>
                  #{e.seq} · {dateTime(e.at)} · {actorText(i18n, e.actor)}
                </Typography>
              </Typography>
              {e.summary && <Typography variant="body2">{pick(e.summary)}</Typography>}
              {e.hash && (
                <Typography
                  variant="caption"
                  color="text.secondary"
                  sx={{ fontFamily: 'monospace' }}
                  title={`${t('cases.hash')}: ${e.hash}\nprev: ${e.prevHash ?? ''}`}
                >
                  {e.hash.slice(0, 12)}… ← {(e.prevHash ?? '').slice(0, 8)}…
                </Typography>
              )}
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}
