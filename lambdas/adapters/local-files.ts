/** Files on the local disk under DATA_DIR/files, served by the API itself (the S3 store serves AWS). */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileRecord, FileStore } from '../core/files/files';

export function localFileStore(dir: string): FileStore {
  const path = (f: FileRecord) => join(dir, f.id);
  return {
    async uploadTarget(f) {
      return { url: `/api/files/${f.id}/content`, headers: { 'content-type': f.contentType } };
    },
    async isStored(f) {
      try {
        return (await stat(path(f))).size === f.size;
      } catch {
        return false;
      }
    },
    async downloadUrl(f) {
      return `/api/files/${f.id}/content`;
    },
    async receive(f, bytes) {
      if (bytes.length !== f.size) return false;
      if (createHash('sha256').update(bytes).digest('hex') !== f.sha256) return false;
      await mkdir(dir, { recursive: true });
      const tmp = `${path(f)}.part`;
      await writeFile(tmp, bytes);
      await rename(tmp, path(f)); // atomic: a crash leaves no half file under the final name
      return true;
    },
    async read(f) {
      return readFile(path(f));
    },
  };
}
