/**
 * The reward rules in force (the latest published `reward-rules` table): each rule's kind, region and grades, and
 * every value with its source. Rules are changed as a reference table (draft, validate, publish, roll back).
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useAdminApi } from '../../../api/admin';
import { PageHeader } from '../../../components/PageHeader';
import { AsyncView } from '../../../components/states';
import { useAsync } from '../../../components/useAsync';
import { useI18n } from '../../../i18n/I18nContext';
import { Link } from '../../../router/router';

interface Sourced {
  path: string;
  value: unknown;
  source: string;
}

/** Every `{ value, source }` inside a rule, with its path: `amounts.audit-full` → 20000, "DOMAIN §7 …". */
export function sourcedValues(node: unknown, path: string[] = []): Sourced[] {
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  if ('value' in o && typeof o.source === 'string')
    return [{ path: path.join('.'), value: o.value, source: o.source }];
  return Object.entries(o).flatMap(([k, v]) => sourcedValues(v, [...path, k]));
}

export default function RewardRulesPage() {
  const admin = useAdminApi();
  const { t, pick } = useI18n();
  const state = useAsync(() => admin.incentives.rules(), [admin]);
  return (
    <Box>
      <PageHeader
        title={t('nav.rewardRules')}
        subtitle={state.data ? t('mgmt.rulesInForce', { label: state.data.label }) : undefined}
        actions={
          <Button component={Link} href="/admin/reference/reward-rules" variant="contained">
            {t('mgmt.editRules')}
          </Button>
        }
      />
      <AsyncView state={state} isEmpty={(d) => !d.rules.length}>
        {(d) => (
          <Stack spacing={2}>
            {d.rules.map((rule) => {
              const values = sourcedValues(rule);
              const grades = Array.isArray(rule.grades) ? (rule.grades as string[]) : [];
              return (
                <Card variant="outlined" key={String(rule.id)} data-testid="reward-rule">
                  <CardContent>
                    <Typography variant="h6" component="h2">
                      {pick(rule.title) || String(rule.id)}
                    </Typography>
                    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', my: 1 }}>
                      <Chip size="small" label={`${t('mgmt.ruleKind')}: ${String(rule.kind)}`} />
                      {rule.regionCode ? (
                        <Chip size="small" label={`${t('mgmt.ruleRegion')}: ${String(rule.regionCode)}`} />
                      ) : null}
                      {grades.length ? (
                        <Chip size="small" label={`${t('mgmt.ruleGrades')}: ${grades.join(', ')}`} />
                      ) : null}
                    </Box>
                    <Table size="small" aria-label={pick(rule.title) || String(rule.id)}>
                      <TableHead>
                        <TableRow>
                          <TableCell>{t('mgmt.ruleItem')}</TableCell>
                          <TableCell align="right">{t('mgmt.ruleValue')}</TableCell>
                          <TableCell>{t('mgmt.ruleSource')}</TableCell>
                        </TableRow>
                      </TableHead>
                      <TableBody>
                        {values.map((v) => (
                          <TableRow key={v.path}>
                            <TableCell>{v.path}</TableCell>
                            <TableCell align="right">
                              {typeof v.value === 'object' ? JSON.stringify(v.value) : String(v.value)}
                            </TableCell>
                            <TableCell sx={{ color: 'text.secondary', fontSize: '0.8rem' }}>
                              {v.source}
                            </TableCell>
                          </TableRow>
                        ))}
                      </TableBody>
                    </Table>
                  </CardContent>
                </Card>
              );
            })}
          </Stack>
        )}
      </AsyncView>
    </Box>
  );
}
