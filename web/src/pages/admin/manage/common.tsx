/** Small pieces the management pages share: comma lists in text fields, a dialog's save error, a JSON cell. */
import Alert from '@mui/material/Alert';
import TextField from '@mui/material/TextField';
import { ApiError } from '../../../api/client';
import { errorMessage } from '../../../components/states';
import { useI18n } from '../../../i18n/I18nContext';

/** `'C33, C26 ,'` → `['C33', 'C26']` */
export const splitList = (text: string) =>
  text
    .split(/[,，\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

export function ListField({
  label,
  value,
  onChange,
  helperText,
  testId,
}: {
  label: string;
  value: string;
  onChange(text: string): void;
  helperText?: string;
  testId?: string;
}) {
  return (
    <TextField
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      helperText={helperText}
      fullWidth
      size="small"
      slotProps={{ htmlInput: testId ? { 'data-testid': testId } : {} }}
    />
  );
}

/** A save's error, with the field problems of a 400/422 listed. */
export function SaveError({ error }: { error: unknown }) {
  const i18n = useI18n();
  if (error === undefined) return null;
  const problems = error instanceof ApiError ? error.fieldProblems : [];
  return (
    <Alert severity="error" role="alert" sx={{ mt: 2 }}>
      {errorMessage(i18n, error)}
      {problems.length ? (
        <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
          {problems.map((p) => (
            <li key={p.path + p.message}>
              <code>{p.path}</code> {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
