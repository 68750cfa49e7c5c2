/** The list of form or workflow definitions, with "new" (an id for a fresh draft). */
import AddIcon from '@mui/icons-material/Add';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { DefinitionSummary, Page } from '../api/types';
import { PageHeader } from '../components/PageHeader';
import { AsyncView } from '../components/states';
import { useAsync } from '../components/useAsync';
import { useI18n } from '../i18n/I18nContext';
import { Link, useRouter } from '../router/router';

const ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

export function DefinitionList({
  title,
  base,
  load,
}: {
  title: string;
  base: string;
  load: () => Promise<Page<DefinitionSummary>>;
}) {
  const { t, pick, dateTime } = useI18n();
  const { navigate } = useRouter();
  const list = useAsync(load, [base]);
  const [id, setId] = useState('');
  return (
    <>
      <PageHeader title={title} />
      <Box
        component="form"
        sx={{ display: 'flex', gap: 1, mb: 2, alignItems: 'flex-start' }}
        onSubmit={(e) => {
          e.preventDefault();
          if (ID.test(id)) navigate(`${base}/${id}`);
        }}
      >
        <TextField
          size="small"
          label={t('designer.newId')}
          value={id}
          onChange={(e) => setId(e.target.value.trim())}
          error={!!id && !ID.test(id)}
          sx={{ minWidth: 320 }}
        />
        <Button type="submit" variant="outlined" startIcon={<AddIcon />} disabled={!ID.test(id)}>
          {t('designer.new')}
        </Button>
      </Box>
      <AsyncView state={list} isEmpty={(d) => d.items.length === 0} empty={t('designer.list.empty')}>
        {(data) => (
          <TableContainer component={Paper} variant="outlined">
            <Table size="small" aria-label={title}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('common.id')}</TableCell>
                  <TableCell>{t('common.name')}</TableCell>
                  <TableCell>{t('common.version')}</TableCell>
                  <TableCell>{t('common.updatedAt')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.items.map((d) => (
                  <TableRow key={d.id} hover data-testid="definition-row">
                    <TableCell>
                      <Link href={`${base}/${d.id}`}>{d.id}</Link>
                    </TableCell>
                    <TableCell>{pick(d.title) || '–'}</TableCell>
                    <TableCell>{d.latestVersion ? `v${d.latestVersion}` : '–'}</TableCell>
                    <TableCell>{dateTime(d.updatedAt)}</TableCell>
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
