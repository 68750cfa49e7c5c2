/**
 * A table's scroll container: on a phone a wide table scrolls sideways inside it, and (being scrollable) it is a
 * labelled region a keyboard user can focus to scroll. Positioned, so visually hidden header text stays inside.
 */
import Paper from '@mui/material/Paper';
import TableContainer from '@mui/material/TableContainer';
import type { ReactNode } from 'react';

export function ScrollTable({
  label,
  outlined = false,
  children,
}: {
  label: string;
  outlined?: boolean;
  children: ReactNode;
}) {
  return (
    <TableContainer
      {...(outlined ? { component: Paper, variant: 'outlined' } : {})}
      tabIndex={0}
      role="region"
      aria-label={label}
      sx={{ position: 'relative' }}
    >
      {children}
    </TableContainer>
  );
}
