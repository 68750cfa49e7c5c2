/** A unified line diff between a published version and the draft, with unchanged runs folded. */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { useI18n } from '../i18n/I18nContext';
import type { DiffLine } from './json';
import { diffLines } from './json';

const CONTEXT = 3;

function fold(lines: DiffLine[]): (DiffLine | { kind: 'fold'; count: number })[] {
  const out: (DiffLine | { kind: 'fold'; count: number })[] = [];
  const near = (i: number) =>
    lines.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((l) => l.kind !== 'same');
  let skipped = 0;
  lines.forEach((l, i) => {
    if (l.kind === 'same' && !near(i)) {
      skipped++;
      return;
    }
    if (skipped) out.push({ kind: 'fold', count: skipped });
    skipped = 0;
    out.push(l);
  });
  if (skipped) out.push({ kind: 'fold', count: skipped });
  return out;
}

export function DiffView({ before, after }: { before: string; after: string }) {
  const { t } = useI18n();
  const lines = useMemo(() => fold(diffLines(before, after)), [before, after]);
  if (!lines.some((l) => l.kind === 'add' || l.kind === 'del')) {
    return <Typography color="text.secondary">{t('designer.noDiff')}</Typography>;
  }
  return (
    <Box
      component="pre"
      data-testid="diff"
      sx={{ fontFamily: 'monospace', fontSize: 12, m: 0, overflow: 'auto', maxHeight: 520, bgcolor: '#fff' }}
    >
      {lines.map((l, i) =>
        l.kind === 'fold' ? (
          <Box key={i} sx={{ color: 'text.secondary', bgcolor: 'grey.100', px: 1 }}>
            ⋯ {l.count}
          </Box>
        ) : (
          <Box
            key={i}
            data-kind={l.kind}
            sx={{
              px: 1,
              bgcolor: l.kind === 'add' ? '#e6ffec' : l.kind === 'del' ? '#ffebe9' : undefined,
              whiteSpace: 'pre',
            }}
          >
            {l.kind === 'add' ? '+ ' : l.kind === 'del' ? '- ' : '  '}
            {l.text}
          </Box>
        ),
      )}
    </Box>
  );
}
