/** The MUI theme: a calm green for cleaner production, MUI's built-in texts in the current locale. */
import { createTheme } from '@mui/material/styles';
import { enUS, zhCN } from '@mui/material/locale';
import type { Locale } from './i18n/I18nContext';

export function makeTheme(locale: Locale) {
  return createTheme(
    {
      palette: {
        primary: { main: '#2e7d32' },
        secondary: { main: '#00695c' },
        // Darker than MUI's orange, so warning text and chips pass WCAG AA contrast on white.
        warning: { main: '#b45309' },
        background: { default: '#f6f8f6' },
      },
      typography: {
        fontFamily:
          '"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Noto Sans SC",Roboto,"Helvetica Neue",Arial,sans-serif',
      },
      components: {
        MuiTableCell: { styleOverrides: { head: { fontWeight: 600 } } },
        // Upper-casing does nothing for Chinese and shouts in English.
        MuiButton: { styleOverrides: { root: { textTransform: 'none' } } },
        // Tabs on the coloured bar (JSON Forms' categorisation) keep full contrast; the indicator shows the choice.
        MuiTab: {
          styleOverrides: {
            root: { textTransform: 'none', '&.MuiTab-textColorInherit': { opacity: 1 } },
          },
        },
        MuiToggleButton: { styleOverrides: { root: { textTransform: 'none' } } },
      },
    },
    locale === 'zh' ? zhCN : enUS,
  );
}
