/** Hands a fetched file to the browser's downloads (the one place the app clicks a temporary anchor). */
import type { FileDownload } from '../api/types';

/**
 * Saves `d` under its name: bytes through an object URL, a pre-signed URL directly (it carries its own
 * `Content-Disposition: attachment`, so the page stays where it is).
 *
 * @example saveDownload(await api.files.download(ref));
 */
export function saveDownload(d: FileDownload, doc: Document = document): void {
  const a = doc.createElement('a');
  const href = 'blob' in d ? URL.createObjectURL(d.blob) : d.url;
  a.href = href;
  a.download = d.name;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // The click has started the download; the browser keeps what it needs.
  if ('blob' in d) setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
