/**
 * Picks a region inside the administrator's own: one select per level below it (district, then town / street
 * / park), each loaded when the level above is chosen. The value is the deepest chosen code, or the root.
 */
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import { useEffect, useState } from 'react';
import { useApi } from '../api/ApiContext';
import type { Region } from '../api/types';
import { useI18n } from '../i18n/I18nContext';
import { childRegions } from './RegionName';

interface Props {
  /** The administrator's region code (its path's last segment). */
  rootCode: string;
  rootLabel?: string;
  value: string;
  onChange(code: string): void;
  error?: string;
  label: string;
}

/** Codes from the root down to `value`, assuming GB/T 2260 prefixes (a child's code starts with its parent's). */
function chainTo(rootCode: string, value: string, levels: Region[][]): string[] {
  const chain: string[] = [];
  for (const options of levels) {
    const next = options.find((r) => value.startsWith(r.code) || r.code === value);
    if (!next) break;
    chain.push(next.code);
  }
  return value === rootCode ? [] : chain;
}

export function RegionPicker({ rootCode, rootLabel, value, onChange, error, label }: Props) {
  const api = useApi();
  const { pick, t } = useI18n();
  // levels[i] = the children of (i === 0 ? root : chosen[i-1])
  const [levels, setLevels] = useState<Region[][]>([]);
  const [chosen, setChosen] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    void (async () => {
      const loaded: Region[][] = [];
      let parent = rootCode;
      for (;;) {
        const kids = await childRegions(api, parent).catch(() => [] as Region[]);
        if (!kids.length) break;
        loaded.push(kids);
        const next = kids.find((r) => value !== rootCode && value.startsWith(r.code));
        if (!next) break;
        parent = next.code;
      }
      if (live) {
        setLevels(loaded);
        setChosen(chainTo(rootCode, value, loaded));
      }
    })();
    return () => {
      live = false;
    };
    // Only the first value seeds the chain; later changes come from the selects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, rootCode]);

  const choose = async (depth: number, code: string) => {
    const nextChosen = code ? [...chosen.slice(0, depth), code] : chosen.slice(0, depth);
    setChosen(nextChosen);
    onChange(nextChosen[nextChosen.length - 1] ?? rootCode);
    const kept = levels.slice(0, depth + 1);
    if (code) {
      const kids = await childRegions(api, code).catch(() => [] as Region[]);
      if (kids.length) kept.push(kids);
    }
    setLevels(kept);
  };

  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 2, mb: 1 }}>
      {levels.map((options, depth) => {
        const id = `region-level-${depth}`;
        const current = chosen[depth] ?? '';
        return (
          <FormControl key={depth} sx={{ minWidth: 180 }} size="small" error={!!error && depth === 0}>
            <InputLabel id={id}>{depth === 0 ? label : t('regions.pick')}</InputLabel>
            <Select
              labelId={id}
              label={depth === 0 ? label : t('regions.pick')}
              value={current}
              onChange={(e) => void choose(depth, String(e.target.value))}
            >
              <MenuItem value="">
                <em>{depth === 0 ? (rootLabel ?? rootCode) : t('common.none')}</em>
              </MenuItem>
              {options.map((r) => (
                <MenuItem key={r.code} value={r.code}>
                  {pick(r.name)}
                </MenuItem>
              ))}
            </Select>
            {depth === 0 && error ? <FormHelperText>{error}</FormHelperText> : null}
          </FormControl>
        );
      })}
    </Box>
  );
}
