/** The download service of the form pages: a file field's name saves the stored file (GET /api/files/{id}). */
import { useCallback, useMemo } from 'react';
import { useApi } from '../api/ApiContext';
import type { FileRef } from '../api/types';
import { saveDownload } from '../util/saveDownload';
import type { FormServices } from './renderers/common';

/** Fetches a stored file through the API and hands it to the browser's downloads. */
export function useFileDownload(): (file: FileRef) => Promise<void> {
  const api = useApi();
  return useCallback(async (file: FileRef) => saveDownload(await api.files.download(file)), [api]);
}

/** Form services for a read-only form (a submission): files download, nothing uploads. */
export function useReadOnlyServices(): FormServices {
  const download = useFileDownload();
  return useMemo(
    () => ({
      upload: () => Promise.reject(new Error('read-only form')),
      registerFlush: () => () => undefined,
      download,
    }),
    [download],
  );
}
