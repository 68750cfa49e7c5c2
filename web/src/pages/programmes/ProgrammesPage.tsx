/**
 * The programmes the user may start (audit types, incentive and green-credit paths), each with what it is for
 * and, where the server gives it, why it applies to this enterprise (the routing rules that fired). Starting
 * one opens its case.
 */
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useApi } from '../../api/ApiContext';
import type { Programme } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { PageHeader } from '../../components/PageHeader';
import { AsyncView, errorMessage } from '../../components/states';
import { useAsync } from '../../components/useAsync';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/zh';
import { useRouter } from '../../router/router';

const KINDS = ['audit', 'incentive', 'green-credit', 'renewal'];

function ProgrammeCard({ p }: { p: Programme }) {
  const api = useApi();
  const me = useMe();
  const i18n = useI18n();
  const { t, pick } = i18n;
  const { navigate } = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [orgId, setOrgId] = useState('');
  const consultant = me.role === 'consultant';

  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const c = await api.cases.start(
        p.id,
        consultant && orgId.trim() ? { organisationId: orgId.trim() } : {},
      );
      navigate(`/cases/${c.id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Card
      variant="outlined"
      sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}
      data-testid="programme"
    >
      <CardContent sx={{ flexGrow: 1 }}>
        <Chip
          size="small"
          label={KINDS.includes(p.kind) ? t(`programmes.kind.${p.kind}` as MessageKey) : p.kind}
          sx={{ mb: 1 }}
        />
        <Typography variant="h6" component="h2">
          {pick(p.title)}
        </Typography>
        {p.description && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {pick(p.description)}
          </Typography>
        )}
        {p.routing && p.routing.length > 0 && (
          <Alert severity="info" sx={{ mt: 2 }} icon={false}>
            <Typography variant="subtitle2">{t('programmes.routing')}</Typography>
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {p.routing.map((r, i) => (
                <li key={i}>{pick(r.explanation) || r.rule}</li>
              ))}
            </ul>
          </Alert>
        )}
        {consultant && (
          <TextField
            size="small"
            label={t('programmes.orgId')}
            helperText={t('programmes.orgIdHint')}
            value={orgId}
            onChange={(e) => setOrgId(e.target.value)}
            fullWidth
            sx={{ mt: 2 }}
          />
        )}
        {error !== undefined && (
          <Alert severity="error" sx={{ mt: 2 }} role="alert">
            {errorMessage(i18n, error)}
          </Alert>
        )}
      </CardContent>
      {busy && <LinearProgress aria-label={t('programmes.starting')} />}
      <CardActions>
        <Button
          variant="contained"
          startIcon={<PlayArrowIcon />}
          onClick={() => void start()}
          disabled={busy || (consultant && !orgId.trim())}
        >
          {busy ? t('programmes.starting') : t('programmes.start')}
        </Button>
      </CardActions>
    </Card>
  );
}

export function ProgrammesPage() {
  const api = useApi();
  const { t } = useI18n();
  const programmes = useAsync(() => api.programmes.list(), [api]);
  return (
    <>
      <PageHeader title={t('programmes.title')} subtitle={t('programmes.intro')} />
      <AsyncView state={programmes} isEmpty={(d) => d.items.length === 0} empty={t('programmes.empty')}>
        {(data) => (
          <Grid container spacing={2}>
            {data.items.map((p) => (
              <Grid key={p.id} size={{ xs: 12, md: 6, lg: 4 }}>
                <ProgrammeCard p={p} />
              </Grid>
            ))}
          </Grid>
        )}
      </AsyncView>
    </>
  );
}
