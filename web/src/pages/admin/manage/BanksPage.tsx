/**
 * Partner banks of the administrator's region: their green-credit products (categories, regions, amounts, term,
 * excluded industries; retired with `active: false`), the webhook that receives referrals (the secret is
 * write-only: only its hint comes back) and the log of every delivery attempt.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { BankEntry, GreenCreditProduct, ProductInput } from '../../../api/admin';
import { useAdminApi } from '../../../api/admin';
import { PageHeader } from '../../../components/PageHeader';
import { AsyncView } from '../../../components/states';
import { useAsync } from '../../../components/useAsync';
import { useI18n } from '../../../i18n/I18nContext';
import { ListField, SaveError, splitList } from './common';

function ProductDialog({
  bankId,
  product,
  onClose,
  onSaved,
}: {
  bankId: string;
  product?: GreenCreditProduct;
  onClose(): void;
  onSaved(): void;
}) {
  const admin = useAdminApi();
  const { t } = useI18n();
  const [id, setId] = useState(product?.id ?? '');
  const [d, setD] = useState({
    name: product?.name ?? '',
    description: product?.description ?? '',
    categories: (product?.categories ?? ['clean-production']).join(', '),
    regionCodes: (product?.regionCodes ?? []).join(', '),
    minAmount: String(product?.minAmount ?? 0),
    maxAmount: String(product?.maxAmount ?? 1000),
    maxTermMonths: String(product?.maxTermMonths ?? 36),
    excludedIndustries: (product?.excludedIndustries ?? []).join(', '),
    indicativeRate: product?.indicativeRate ?? '',
    active: product?.active ?? true,
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const set = (k: keyof typeof d, v: string | boolean) => setD((x) => ({ ...x, [k]: v }));
  const save = async () => {
    setSaving(true);
    setError(undefined);
    const input: ProductInput = {
      name: d.name.trim(),
      ...(d.description.trim() ? { description: d.description.trim() } : {}),
      categories: splitList(d.categories),
      regionCodes: splitList(d.regionCodes),
      minAmount: Number(d.minAmount),
      maxAmount: Number(d.maxAmount),
      maxTermMonths: Number(d.maxTermMonths),
      excludedIndustries: splitList(d.excludedIndustries),
      ...(d.indicativeRate.trim() ? { indicativeRate: d.indicativeRate.trim() } : {}),
      active: d.active,
      ...(product ? { version: product.version } : {}),
    };
    try {
      await admin.banks.putProduct(bankId, id.trim(), input);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  const field = (k: keyof typeof d, label: string, type = 'text') => (
    <TextField
      label={label}
      type={type}
      value={d[k] as string}
      onChange={(e) => set(k, e.target.value)}
      size="small"
      fullWidth
    />
  );
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>
        {product ? t('mgmt.productEdit', { name: product.name }) : t('mgmt.productNew')}
      </DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          {!product ? (
            <TextField
              label={t('mgmt.productId')}
              helperText={t('mgmt.productIdHelp')}
              value={id}
              onChange={(e) => setId(e.target.value)}
              size="small"
              required
            />
          ) : null}
          {field('name', t('common.name'))}
          {field('description', t('mgmt.productDescription'))}
          <ListField
            label={t('mgmt.productCategories')}
            value={d.categories}
            onChange={(v) => set('categories', v)}
          />
          <ListField
            label={t('mgmt.productRegions')}
            helperText={t('mgmt.productRegionsHelp')}
            value={d.regionCodes}
            onChange={(v) => set('regionCodes', v)}
          />
          <Stack direction="row" spacing={2}>
            {field('minAmount', t('mgmt.productMin'), 'number')}
            {field('maxAmount', t('mgmt.productMax'), 'number')}
            {field('maxTermMonths', t('mgmt.productTerm'), 'number')}
          </Stack>
          <ListField
            label={t('mgmt.productExcluded')}
            value={d.excludedIndustries}
            onChange={(v) => set('excludedIndustries', v)}
          />
          {field('indicativeRate', t('mgmt.productRate'))}
          <FormControlLabel
            control={<Switch checked={d.active} onChange={(e) => set('active', e.target.checked)} />}
            label={t('mgmt.productActive')}
          />
        </Stack>
        <SaveError error={error} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={saving || !id.trim()}>
          {saving ? t('common.saving') : t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function WebhookDialog({ entry, onClose, onSaved }: { entry: BankEntry; onClose(): void; onSaved(): void }) {
  const admin = useAdminApi();
  const { t } = useI18n();
  const [url, setUrl] = useState(entry.webhook?.url ?? 'https://');
  const [secret, setSecret] = useState('');
  const [active, setActive] = useState(entry.webhook?.active ?? true);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      await admin.banks.putWebhook(entry.bank.id, { url: url.trim(), active, ...(secret ? { secret } : {}) });
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{t('mgmt.webhookTitle', { name: entry.bank.name })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <TextField
            label={t('mgmt.webhookUrl')}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            size="small"
          />
          <TextField
            label={t('mgmt.webhookSecret')}
            helperText={
              entry.webhook
                ? t('mgmt.webhookSecretKeep', { hint: entry.webhook.secretHint })
                : t('mgmt.webhookSecretNew')
            }
            type="password"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            size="small"
            autoComplete="new-password"
          />
          <FormControlLabel
            control={<Switch checked={active} onChange={(e) => setActive(e.target.checked)} />}
            label={t('mgmt.webhookActive')}
          />
        </Stack>
        <SaveError error={error} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={saving}>
          {saving ? t('common.saving') : t('common.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function DeliveriesDialog({ entry, onClose }: { entry: BankEntry; onClose(): void }) {
  const admin = useAdminApi();
  const { t, dateTime } = useI18n();
  const state = useAsync(() => admin.banks.deliveries(entry.bank.id), [admin, entry.bank.id]);
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth>
      <DialogTitle>{t('mgmt.deliveriesTitle', { name: entry.bank.name })}</DialogTitle>
      <DialogContent>
        <AsyncView state={state} isEmpty={(d) => !d.items.length}>
          {(d) => (
            <Table size="small" aria-label={t('mgmt.deliveriesTitle', { name: entry.bank.name })}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('mgmt.deliveryAt')}</TableCell>
                  <TableCell>{t('mgmt.deliveryEvent')}</TableCell>
                  <TableCell>{t('mgmt.deliveryAttempt')}</TableCell>
                  <TableCell>{t('mgmt.deliveryOutcome')}</TableCell>
                  <TableCell>{t('mgmt.deliveryTarget')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {d.items.map((r) => (
                  <TableRow key={String(r.deliveryId)} data-testid="delivery-row">
                    <TableCell>{dateTime(String(r.at))}</TableCell>
                    <TableCell>{String(r.event)}</TableCell>
                    <TableCell>{String(r.attempt)}</TableCell>
                    <TableCell>
                      <Chip
                        size="small"
                        color={r.outcome === 'delivered' ? 'success' : 'error'}
                        label={`${String(r.outcome)}${r.httpStatus ? ` ${String(r.httpStatus)}` : ''}`}
                      />
                      {r.error ? (
                        <Typography variant="caption" display="block">
                          {String(r.error)}
                        </Typography>
                      ) : null}
                    </TableCell>
                    <TableCell>{String(r.target)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </AsyncView>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}

type Editing =
  | { kind: 'product'; entry: BankEntry; product?: GreenCreditProduct }
  | { kind: 'webhook'; entry: BankEntry }
  | { kind: 'deliveries'; entry: BankEntry };

export default function BanksPage() {
  const admin = useAdminApi();
  const { t, number } = useI18n();
  const state = useAsync(() => admin.banks.list(), [admin]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const done = () => {
    setEditing(null);
    state.reload();
  };
  return (
    <Box>
      <PageHeader title={t('nav.banks')} subtitle={t('mgmt.banksIntro')} />
      <AsyncView state={state} isEmpty={(d) => !d.items.length}>
        {(data) => (
          <Stack spacing={2}>
            {data.items.map((entry) => (
              <Card variant="outlined" key={entry.bank.id} data-testid="bank-card">
                <CardContent>
                  <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1 }}>
                    <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
                      {entry.bank.name}
                    </Typography>
                    <Chip
                      size="small"
                      color={entry.webhook?.active ? 'success' : 'default'}
                      label={
                        entry.webhook
                          ? `${t('mgmt.webhook')}: ${entry.webhook.active ? t('mgmt.on') : t('mgmt.off')}`
                          : t('mgmt.webhookNone')
                      }
                    />
                    <Button size="small" onClick={() => setEditing({ kind: 'webhook', entry })}>
                      {t('mgmt.webhook')}
                    </Button>
                    <Button size="small" onClick={() => setEditing({ kind: 'deliveries', entry })}>
                      {t('mgmt.deliveries')}
                    </Button>
                    <Button
                      size="small"
                      variant="outlined"
                      onClick={() => setEditing({ kind: 'product', entry })}
                    >
                      {t('mgmt.productNew')}
                    </Button>
                  </Box>
                  {entry.webhook ? (
                    <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                      {entry.webhook.url}
                    </Typography>
                  ) : null}
                  <Table size="small" aria-label={t('mgmt.products')}>
                    <TableHead>
                      <TableRow>
                        <TableCell>{t('mgmt.products')}</TableCell>
                        <TableCell>{t('mgmt.productCategories')}</TableCell>
                        <TableCell align="right">{t('mgmt.productAmounts')}</TableCell>
                        <TableCell align="right">{t('mgmt.productTerm')}</TableCell>
                        <TableCell>{t('common.status')}</TableCell>
                        <TableCell>{t('common.actions')}</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {entry.products.map((p) => (
                        <TableRow key={p.id} data-testid="product-row">
                          <TableCell>
                            {p.name}
                            <Typography variant="caption" display="block" color="text.secondary">
                              {p.id}
                            </Typography>
                          </TableCell>
                          <TableCell>{p.categories.join(', ')}</TableCell>
                          <TableCell align="right">
                            {number(p.minAmount)}–{number(p.maxAmount)}
                          </TableCell>
                          <TableCell align="right">{number(p.maxTermMonths)}</TableCell>
                          <TableCell>{p.active ? t('mgmt.on') : t('mgmt.off')}</TableCell>
                          <TableCell>
                            <Button
                              size="small"
                              onClick={() => setEditing({ kind: 'product', entry, product: p })}
                            >
                              {t('common.edit')}
                            </Button>
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </CardContent>
              </Card>
            ))}
          </Stack>
        )}
      </AsyncView>
      {editing?.kind === 'product' ? (
        <ProductDialog
          bankId={editing.entry.bank.id}
          product={editing.product}
          onClose={() => setEditing(null)}
          onSaved={done}
        />
      ) : null}
      {editing?.kind === 'webhook' ? (
        <WebhookDialog entry={editing.entry} onClose={() => setEditing(null)} onSaved={done} />
      ) : null}
      {editing?.kind === 'deliveries' ? (
        <DeliveriesDialog entry={editing.entry} onClose={() => setEditing(null)} />
      ) : null}
    </Box>
  );
}
