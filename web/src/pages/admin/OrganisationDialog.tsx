/** Create or edit an organisation; server field problems (e.g. /profile/creditCode) land on their fields. */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useApi } from '../../api/ApiContext';
import type { Organisation, OrganisationProfile, OrgKind } from '../../api/types';
import { ORG_KINDS } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { fieldErrors } from '../../components/fieldErrors';
import { RegionPicker } from '../../components/RegionPicker';
import { errorMessage } from '../../components/states';
import { useI18n } from '../../i18n/I18nContext';

const SIZES = ['large', 'medium', 'small', 'micro'] as const;

interface Props {
  open: boolean;
  existing?: Organisation;
  onClose(): void;
  onSaved(org: Organisation): void;
}

function clean(profile: OrganisationProfile): OrganisationProfile {
  const out: OrganisationProfile = {};
  for (const [k, v] of Object.entries(profile) as [keyof OrganisationProfile, unknown][]) {
    if (typeof v === 'string' ? v.trim() !== '' : v !== undefined) {
      (out as Record<string, unknown>)[k] = typeof v === 'string' ? v.trim() : v;
    }
  }
  return out;
}

export function OrganisationDialog({ open, existing, onClose, onSaved }: Props) {
  const api = useApi();
  const me = useMe();
  const i18n = useI18n();
  const { t } = i18n;
  const rootCode = me.organisation.regionPath.split('/').filter(Boolean).pop() ?? '';
  const [kind, setKind] = useState<OrgKind>(existing?.kind ?? 'enterprise');
  const [name, setName] = useState(existing?.name ?? '');
  const [regionCode, setRegionCode] = useState(existing?.regionCode ?? rootCode);
  const [status, setStatus] = useState(existing?.status ?? 'active');
  const [profile, setProfile] = useState<OrganisationProfile>(existing?.profile ?? {});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const fields = fieldErrors(error);
  const set = (k: keyof OrganisationProfile) => (e: { target: { value: string } }) =>
    setProfile((p) => ({ ...p, [k]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const p = clean(profile);
      const saved = existing
        ? await api.organisations.update(existing.id, {
            name: name.trim(),
            regionCode,
            profile: p,
            status,
            version: existing.version,
          })
        : await api.organisations.create({ kind, name: name.trim(), regionCode, profile: p });
      onSaved(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const showEnterpriseFields = kind === 'enterprise';
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="md" aria-labelledby="org-dialog-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="org-dialog-title">{existing ? t('orgs.edit') : t('orgs.new')}</DialogTitle>
        <DialogContent>
          {error !== undefined && !Object.keys(fields).length && (
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              {errorMessage(i18n, error)}
            </Alert>
          )}
          <Grid container spacing={2} sx={{ mt: 0.5 }}>
            <Grid size={{ xs: 12, sm: 4 }}>
              <TextField
                select
                label={t('orgs.kind')}
                value={kind}
                onChange={(e) => setKind(e.target.value as OrgKind)}
                disabled={!!existing}
                fullWidth
              >
                {ORG_KINDS.map((k) => (
                  <MenuItem key={k} value={k}>
                    {t(`kind.${k}`)}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 8 }}>
              <TextField
                label={t('common.name')}
                value={name}
                onChange={(e) => setName(e.target.value)}
                required
                fullWidth
                error={!!fields['/name']}
                helperText={fields['/name']}
              />
            </Grid>
          </Grid>
          <RegionPicker
            rootCode={rootCode}
            rootLabel={me.organisation.name}
            value={regionCode}
            onChange={setRegionCode}
            label={t('orgs.region')}
            error={fields['/regionCode']}
          />
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField
                label={t('orgs.creditCode')}
                value={profile.creditCode ?? ''}
                onChange={set('creditCode')}
                required={showEnterpriseFields}
                fullWidth
                slotProps={{ htmlInput: { maxLength: 18, style: { fontFamily: 'monospace' } } }}
                error={!!fields['/profile/creditCode']}
                helperText={fields['/profile/creditCode']}
              />
            </Grid>
            {showEnterpriseFields && (
              <>
                <Grid size={{ xs: 12, sm: 3 }}>
                  <TextField
                    label={t('orgs.industryCode')}
                    value={profile.industryCode ?? ''}
                    onChange={set('industryCode')}
                    fullWidth
                    error={!!fields['/profile/industryCode']}
                    helperText={fields['/profile/industryCode']}
                  />
                </Grid>
                <Grid size={{ xs: 12, sm: 3 }}>
                  <TextField
                    select
                    label={t('orgs.size')}
                    value={profile.size ?? ''}
                    onChange={set('size')}
                    fullWidth
                  >
                    <MenuItem value="">
                      <em>{t('common.none')}</em>
                    </MenuItem>
                    {SIZES.map((s) => (
                      <MenuItem key={s} value={s}>
                        {t(`orgs.size.${s}`)}
                      </MenuItem>
                    ))}
                  </TextField>
                </Grid>
              </>
            )}
            <Grid size={{ xs: 12, sm: 8 }}>
              <TextField
                label={t('orgs.address')}
                value={profile.address ?? ''}
                onChange={set('address')}
                fullWidth
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <TextField
                label={t('orgs.legalRepresentative')}
                value={profile.legalRepresentative ?? ''}
                onChange={set('legalRepresentative')}
                fullWidth
              />
            </Grid>
            {existing && (
              <Grid size={{ xs: 12, sm: 4 }}>
                <TextField
                  select
                  label={t('common.status')}
                  value={status}
                  onChange={(e) => setStatus(e.target.value as 'active' | 'inactive')}
                  fullWidth
                >
                  <MenuItem value="active">{t('orgs.status.active')}</MenuItem>
                  <MenuItem value="inactive">{t('orgs.status.inactive')}</MenuItem>
                </TextField>
              </Grid>
            )}
          </Grid>
        </DialogContent>
        {busy && <LinearProgress aria-label={t('common.saving')} />}
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy || !name.trim()}>
            {busy ? t('common.saving') : t('common.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
