/**
 * A JSON text editor: monospace textarea with line numbers, the parse error located by line and column under
 * it, a "format" action, and `revealLine` to scroll to and select a line (problems → their state).
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useEffect, useId, useMemo, useRef } from 'react';
import { useI18n } from '../i18n/I18nContext';
import { parseJson, pretty } from './json';

export interface JsonEditorProps {
  label: string;
  value: string;
  onChange(text: string): void;
  /** 1-based line to scroll to and select; changes trigger the scroll. */
  reveal?: { line: number; at: number };
  minRows?: number;
  readOnly?: boolean;
  testId?: string;
}

const LINE_HEIGHT = 20;

export function JsonEditor({
  label,
  value,
  onChange,
  reveal,
  minRows = 18,
  readOnly,
  testId,
}: JsonEditorProps) {
  const { t } = useI18n();
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const parsed = useMemo(() => parseJson(value), [value]);
  const lines = value.split('\n').length;

  useEffect(() => {
    const el = area.current;
    if (!reveal || !el) return;
    const starts = value.split('\n');
    const start = starts.slice(0, reveal.line - 1).reduce((s, l) => s + l.length + 1, 0);
    const end = start + (starts[reveal.line - 1]?.length ?? 0);
    el.focus();
    el.setSelectionRange(start, end);
    el.scrollTop = Math.max(0, (reveal.line - 4) * LINE_HEIGHT);
    // `value` is read for the offsets only; a reveal is triggered by its own change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reveal]);

  return (
    <Box>
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 0.5 }}>
        <Typography component="label" htmlFor={id} variant="subtitle2" sx={{ flexGrow: 1 }}>
          {label}
        </Typography>
        {!readOnly && (
          <Button
            size="small"
            disabled={!parsed.ok}
            onClick={() => parsed.ok && onChange(pretty(parsed.value))}
          >
            {'{ } format'}
          </Button>
        )}
      </Box>
      <Box
        sx={{
          display: 'flex',
          border: 1,
          borderColor: parsed.ok ? 'divider' : 'error.main',
          borderRadius: 1,
          overflow: 'hidden',
          bgcolor: '#fff',
          fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
          fontSize: 13,
        }}
      >
        <Box
          ref={gutter}
          aria-hidden
          sx={{
            textAlign: 'right',
            color: 'text.secondary',
            bgcolor: 'grey.100',
            px: 1,
            py: '8px',
            overflow: 'hidden',
            userSelect: 'none',
            lineHeight: `${LINE_HEIGHT}px`,
            minWidth: 44,
            height: minRows * LINE_HEIGHT + 16,
          }}
        >
          {Array.from({ length: lines }, (_, i) => (
            <div key={i} style={{ color: !parsed.ok && parsed.line === i + 1 ? '#d32f2f' : undefined }}>
              {i + 1}
            </div>
          ))}
        </Box>
        <textarea
          id={id}
          ref={area}
          value={value}
          readOnly={readOnly}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
          aria-invalid={!parsed.ok || undefined}
          aria-describedby={`${id}-status`}
          data-testid={testId}
          style={{
            flex: 1,
            border: 0,
            outline: 'none',
            resize: 'vertical',
            padding: 8,
            font: 'inherit',
            lineHeight: `${LINE_HEIGHT}px`,
            height: minRows * LINE_HEIGHT + 16,
            whiteSpace: 'pre',
            overflow: 'auto',
            tabSize: 2,
          }}
        />
      </Box>
      <Typography
        id={`${id}-status`}
        variant="caption"
        color={parsed.ok ? 'success.main' : 'error'}
        role={parsed.ok ? undefined : 'alert'}
      >
        {parsed.ok
          ? t('designer.jsonOk')
          : t('designer.jsonError', { line: parsed.line, column: parsed.column, message: parsed.message })}
      </Typography>
    </Box>
  );
}
