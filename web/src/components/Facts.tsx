/** Label / value pairs in a responsive grid, as a description list (screen readers read the pairs). */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';

export interface Fact {
  label: string;
  value: ReactNode;
}

export function Facts({
  items,
  testId,
}: {
  items: readonly (Fact | false | null | undefined | '')[];
  testId?: string;
}) {
  const shown = items.filter((f): f is Fact => !!f);
  return (
    <Box
      component="dl"
      data-testid={testId}
      sx={{
        display: 'grid',
        // As many columns as the container (not the viewport) has room for: the same list fits a side panel.
        gridTemplateColumns: 'repeat(auto-fill, minmax(11rem, 1fr))',
        gap: 1.5,
        m: 0,
      }}
    >
      {shown.map((f) => (
        <Box key={f.label} sx={{ minWidth: 0 }}>
          <Typography component="dt" variant="caption" color="text.secondary">
            {f.label}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
            {f.value ?? '–'}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
