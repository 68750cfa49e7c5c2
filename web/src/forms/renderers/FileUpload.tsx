/**
 * File upload: a field that stores `{ fileId, name, sha256 }`. Choosing a file hashes it, registers it
 * (POST /api/files), PUTs the bytes with a progress bar, then stores the reference. A stored file's name
 * downloads it where the page offers downloads (its form services). Used as a JSON Forms
 * control (rank 10 for `options.widget: "file"` or an object schema with `fileId` and `sha256`) and inside
 * the checklist item for evidence.
 *
 * UI schema options: `accept` (e.g. ".pdf,image/*"), `maxSize` (bytes).
 */
import AttachFileIcon from '@mui/icons-material/AttachFile';
import DownloadIcon from '@mui/icons-material/Download';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { ControlProps, JsonSchema, RankedTester } from '@jsonforms/core';
import { and, optionIs, or, rankWith, schemaMatches, uiTypeIs } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import { useId, useRef, useState } from 'react';
import type { ChangeEvent } from 'react';
import { ApiError } from '../../api/client';
import type { FileRef } from '../../api/types';
import { useI18n } from '../../i18n/I18nContext';
import { isFileSchema, useFormServices } from './common';

export interface FileUploadProps {
  label: string;
  value: FileRef | undefined;
  onChange(value: FileRef | undefined): void;
  accept?: string;
  maxSize?: number;
  required?: boolean;
  enabled?: boolean;
  error?: string;
  description?: string;
}

const isFileRef = (v: unknown): v is FileRef =>
  !!v && typeof v === 'object' && typeof (v as FileRef).fileId === 'string';

export function FileUpload({
  label,
  value,
  onChange,
  accept,
  maxSize,
  required,
  enabled = true,
  error,
  description,
}: FileUploadProps) {
  const { t, number } = useI18n();
  const { upload, download } = useFormServices();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setFailure(null);
    if (maxSize && file.size > maxSize) {
      setFailure(t('form.file.failed', { message: `> ${number(maxSize / 1024 / 1024, { unit: 'MB' })}` }));
      return;
    }
    setProgress(0);
    try {
      const ref = await upload(file, (f) => setProgress(f));
      onChange(ref);
    } catch (err) {
      const details = err instanceof ApiError ? err.fieldProblems.map((p) => p.message).join('; ') : '';
      const message = err instanceof Error ? err.message : String(err);
      setFailure(t('form.file.failed', { message: details ? `${message} (${details})` : message }));
    } finally {
      setProgress(null);
    }
  };

  const [saving, setSaving] = useState(false);
  const save = async (ref: FileRef) => {
    if (!download) return;
    setFailure(null);
    setSaving(true);
    try {
      await download(ref);
    } catch (err) {
      setFailure(t('form.file.downloadFailed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setSaving(false);
    }
  };

  const uploading = progress !== null;
  const percent = Math.round((progress ?? 0) * 100);
  const shown = error ?? failure ?? description;
  return (
    <Box sx={{ my: 1 }} data-testid="file-upload">
      <FormLabel id={`${inputId}-label`} required={required} error={!!(error ?? failure)}>
        {label}
      </FormLabel>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mt: 0.5 }}>
        {/* The native input stays hidden; the button is the one keyboard-reachable control. */}
        <input
          ref={input}
          id={inputId}
          type="file"
          accept={accept}
          hidden
          tabIndex={-1}
          disabled={!enabled || uploading}
          onChange={(e) => void choose(e)}
          data-testid="file-input"
        />
        <Button
          variant="outlined"
          size="small"
          startIcon={<AttachFileIcon />}
          disabled={!enabled || uploading}
          onClick={() => input.current?.click()}
          aria-label={`${label}: ${isFileRef(value) ? t('form.file.replace') : t('form.file.choose')}`}
          aria-describedby={shown ? `${inputId}-help` : undefined}
        >
          {isFileRef(value) ? t('form.file.replace') : t('form.file.choose')}
        </Button>
        {isFileRef(value) && !uploading && (
          <>
            {download ? (
              <Link
                component="button"
                type="button"
                variant="body2"
                onClick={() => void save(value)}
                disabled={saving}
                aria-label={t('form.file.download', { name: value.name })}
                data-testid="file-name"
                sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}
              >
                <DownloadIcon fontSize="inherit" aria-hidden />
                {value.name}
              </Link>
            ) : (
              <Typography variant="body2" data-testid="file-name">
                {value.name}
              </Typography>
            )}
            <Typography variant="caption" color="text.secondary" title={value.sha256}>
              {t('form.file.sha', { sha: value.sha256.slice(0, 12) + '…' })}
            </Typography>
            {enabled && (
              <Button size="small" color="error" onClick={() => onChange(undefined)}>
                {t('form.file.remove')}
              </Button>
            )}
          </>
        )}
      </Box>
      {uploading && (
        <Box sx={{ mt: 1 }} role="status">
          <LinearProgress
            variant="determinate"
            value={percent}
            aria-label={t('form.file.uploading', { percent })}
          />
          <Typography variant="caption">{t('form.file.uploading', { percent })}</Typography>
        </Box>
      )}
      {shown && (
        <FormHelperText id={`${inputId}-help`} error={!!(error ?? failure)}>
          {shown}
        </FormHelperText>
      )}
    </Box>
  );
}

/** Limits from the schema's `x-file` ({ maxBytes, accept[] }), overridable by UI schema options. */
function limitsOf(schema: JsonSchema, options: Record<string, unknown> | undefined) {
  const xFile = ((schema as Record<string, unknown>)['x-file'] ?? {}) as { maxBytes?: number; accept?: string[] };
  const accept = typeof options?.accept === 'string' ? options.accept : xFile.accept?.join(',');
  const maxSize = typeof options?.maxSize === 'number' ? options.maxSize : xFile.maxBytes;
  return { accept, maxSize };
}

export function FileControl(props: ControlProps) {
  const { data, handleChange, path, label, required, enabled, errors, uischema, schema, description, visible } =
    props;
  if (!visible) return null;
  const { accept, maxSize } = limitsOf(schema, uischema.options);
  return (
    <FileUpload
      label={label}
      value={isFileRef(data) ? data : undefined}
      onChange={(v) => handleChange(path, v)}
      accept={accept}
      maxSize={maxSize}
      required={required}
      enabled={enabled}
      error={errors || undefined}
      description={description}
    />
  );
}

export const fileTester: RankedTester = rankWith(
  10,
  and(uiTypeIs('Control'), or(optionIs('widget', 'file'), schemaMatches((s) => isFileSchema(s)))),
);

export const FileRenderer = withJsonFormsControlProps(FileControl);
