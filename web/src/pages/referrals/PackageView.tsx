/**
 * A referral package exactly as the bank received it: the financing request, then each part the enterprise
 * consented to (profile, certificate, performance table, options with capex, NPV, IRR and payback). A part not
 * consented is named as withheld, so nobody mistakes it for missing data.
 */
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { ReferralPackage, Scope } from '../../api/lifecycleTypes';
import { Facts } from '../../components/Facts';
import { ScrollTable } from '../../components/ScrollTable';
import { useI18n } from '../../i18n/I18nContext';
import type { MessageKey } from '../../i18n/zh';
import { usePolicy } from './policy';

function Part({ title, shared, children }: { title: string; shared: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Box component="section" sx={{ mt: 2 }} aria-label={title}>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {shared ? (
        children
      ) : (
        <Typography variant="body2" color="text.secondary" data-testid="scope-withheld">
          {t('referrals.withheld')}
        </Typography>
      )}
    </Box>
  );
}

export function ScopeChips({ scopes }: { scopes: readonly Scope[] }) {
  const { scopeTitle } = usePolicy();
  return (
    <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
      {scopes.map((s) => (
        <Chip key={s} size="small" variant="outlined" label={scopeTitle(s)} data-scope={s} />
      ))}
    </Box>
  );
}

function tceOf(p: NonNullable<ReferralPackage['performance']>): number | undefined {
  return typeof p.tce === 'number' ? p.tce : p.tce?.equivalent;
}

export function PackageView({ pkg }: { pkg: ReferralPackage }) {
  const { t, pick, number, date } = useI18n();
  const { categoryTitle, scopeTitle } = usePolicy();
  const has = (s: Scope) => pkg.scopes.includes(s);
  const wan = (v: number | undefined) => number(v, { unit: t('unit.tenThousandYuan') });
  const req = pkg.request ?? {};
  const ent = pkg.enterprise;
  const cert = pkg.certificate;
  const perf = pkg.performance;
  return (
    <Box data-testid="referral-package">
      <Facts
        items={[
          { label: t('financing.amount'), value: wan(req.amount) },
          { label: t('financing.term'), value: t('financing.months', { n: req.termMonths ?? '–' }) },
          pkg.product && { label: t('referrals.product'), value: pkg.product.name },
          {
            label: t('financing.categories'),
            value: (req.categories ?? []).map(categoryTitle).join(t('list.separator')) || '–',
          },
          { label: t('financing.purpose'), value: req.purpose },
          { label: t('financing.options'), value: (req.optionIds ?? []).join(t('list.separator')) || '–' },
        ]}
      />
      <Box sx={{ mt: 1.5 }}>
        <Typography variant="caption" color="text.secondary" component="div">
          {t('referrals.scopes')}
        </Typography>
        <ScopeChips scopes={pkg.scopes} />
      </Box>
      <Part title={scopeTitle('profile')} shared={has('profile') && !!ent}>
        {ent && (
          <Facts
            items={[
              { label: t('referrals.enterprise'), value: ent.name },
              { label: t('orgs.creditCode'), value: ent.creditCode },
              { label: t('orgs.industryCode'), value: ent.industryCode },
              { label: t('orgs.regionCode'), value: ent.regionCode },
              ent.size && { label: t('orgs.size'), value: t(`orgs.size.${ent.size}` as MessageKey) },
              { label: t('orgs.legalRepresentative'), value: ent.legalRepresentative },
              { label: t('orgs.address'), value: ent.address },
              (ent.contacts?.length ?? 0) > 0 && {
                label: t('referrals.contacts'),
                value: ent
                  .contacts!.map((c) => [c.name, c.title, c.phone, c.email].filter(Boolean).join(' · '))
                  .join(t('list.groupSeparator')),
              },
            ]}
          />
        )}
      </Part>
      <Part title={scopeTitle('certificate')} shared={has('certificate') && !!cert}>
        {cert && (
          <Facts
            items={[
              { label: t('certificates.number'), value: cert.number },
              { label: t('certificates.programme'), value: pick(cert.auditType) },
              cert.grade && { label: t('certificates.grade'), value: t(`grade.${cert.grade}` as MessageKey) },
              { label: t('certificates.score'), value: number(cert.score) },
              { label: t('certificates.validUntil'), value: date(cert.validUntil) },
            ]}
          />
        )}
      </Part>
      <Part title={scopeTitle('performance')} shared={has('performance') && !!perf}>
        {perf && (
          <Facts
            items={[
              perf.year !== undefined && { label: t('referrals.year'), value: perf.year },
              { label: t('referrals.tce'), value: number(tceOf(perf), { unit: 'tce' }) },
              { label: t('referrals.co2'), value: number(perf.co2T, { unit: 't' }) },
              { label: t('referrals.water'), value: number(perf.waterT, { unit: 't' }) },
              {
                label: t('referrals.benefit'),
                value: number(perf.economicBenefit, { unit: t('unit.tenThousandYuanPerYear') }),
              },
            ]}
          />
        )}
      </Part>
      <Part title={scopeTitle('options')} shared={has('options') && !!pkg.options}>
        <ScrollTable label={scopeTitle('options')}>
          <Table size="small" aria-label={scopeTitle('options')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('common.id')}</TableCell>
                <TableCell>{t('common.name')}</TableCell>
                <TableCell align="right">{t('referrals.capex')}</TableCell>
                <TableCell align="right">{t('referrals.annualBenefit')}</TableCell>
                <TableCell align="right">{t('form.options.npv')}</TableCell>
                <TableCell align="right">{t('form.options.irr')}</TableCell>
                <TableCell align="right">{t('form.options.payback')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(pkg.options ?? []).map((o) => (
                <TableRow key={o.id} data-testid="package-option">
                  <TableCell>{o.id}</TableCell>
                  <TableCell>{o.name ?? '–'}</TableCell>
                  <TableCell align="right">{number(o.capex)}</TableCell>
                  <TableCell align="right">{number(o.annualBenefit)}</TableCell>
                  <TableCell align="right">{number(o.npv)}</TableCell>
                  <TableCell align="right">{number(o.irr, { unit: '%' })}</TableCell>
                  <TableCell align="right">{number(o.payback, { unit: t('unit.year') })}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      </Part>
    </Box>
  );
}
