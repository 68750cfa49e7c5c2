/**
 * Files attached to forms (reports, photos, certificates): declared first (name, size, type, sha256), then the
 * bytes go to the upload URL — the local server under DATA_DIR, or S3 by a pre-signed PUT on AWS. A form field
 * holds `{ fileId, name, sha256 }`. Size and type are limited; the sha256 is checked when the bytes arrive.
 */
import { NotFoundError, ValidationError } from '../errors';
import type { Actor } from '../identity/actor';
import type { Ports } from '../ports';
import { isoTime } from '../ports';

export interface FileRecord {
  id: string;
  name: string;
  size: number;
  contentType: string;
  sha256: string;
  organisationId: string;
  uploadedBy: string;
  status: 'pending' | 'stored';
  createdAt: string;
}

/** Where bytes live. */
export interface FileStore {
  /** Where the client PUTs the bytes, and the headers it must send. */
  uploadTarget(file: FileRecord): Promise<{ url: string; headers: Record<string, string> }>;
  /** Whether the bytes are stored and match the declared sha256. */
  isStored(file: FileRecord): Promise<boolean>;
  /** A URL the client GETs the bytes from. */
  downloadUrl(file: FileRecord): Promise<string>;
  /** Local runtime only: accepts the bytes PUT to the upload URL; false when size or sha256 do not match. */
  receive?(file: FileRecord, bytes: Uint8Array): Promise<boolean>;
  /** Local runtime only: the stored bytes. */
  read?(file: FileRecord): Promise<Uint8Array>;
}

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
export const ALLOWED_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'application/zip',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/msword',
  'application/vnd.ms-excel',
]);

export const fileKey = (id: string) => ({ PK: `FILE#${id}`, SK: 'FILE' });

export interface FileDeclaration {
  name: string;
  size: number;
  contentType: string;
  sha256: string;
}

export function checkDeclaration(d: FileDeclaration): void {
  const problems: { path: string; message: string }[] = [];
  if (!Number.isInteger(d.size) || d.size <= 0 || d.size > MAX_FILE_BYTES) {
    problems.push({ path: '/size', message: `1 byte to ${MAX_FILE_BYTES / 1024 / 1024} MB` });
  }
  if (!ALLOWED_TYPES.has(d.contentType))
    problems.push({ path: '/contentType', message: 'type not accepted' });
  if (!/^[0-9a-f]{64}$/.test(d.sha256))
    problems.push({ path: '/sha256', message: '64 lower-case hex characters' });
  if ([...d.name].some((ch) => ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32) || d.name.length > 200)
    problems.push({ path: '/name', message: 'a plain file name' });
  if (problems.length) throw new ValidationError('file refused', problems);
}

export async function declareFile(ports: Ports, actor: Actor, d: FileDeclaration): Promise<FileRecord> {
  checkDeclaration(d);
  const file: FileRecord = {
    id: ports.ids.next('file'),
    ...d,
    organisationId: actor.organisationId,
    uploadedBy: actor.userId,
    status: 'pending',
    createdAt: isoTime(ports.clock.now()),
  };
  await ports.db.put({
    Item: { ...fileKey(file.id), type: 'file', ...file },
    ConditionExpression: 'attribute_not_exists(PK)',
  });
  return file;
}

export async function getFile({ db }: Pick<Ports, 'db'>, id: string): Promise<FileRecord> {
  const item = await db.get({ Key: fileKey(id) });
  if (!item) throw new NotFoundError('file', id);
  const { PK: _a, SK: _b, type: _c, ...rest } = item;
  return rest as unknown as FileRecord;
}

export async function markStored({ db }: Pick<Ports, 'db'>, id: string): Promise<void> {
  await db.update({
    Key: fileKey(id),
    UpdateExpression: 'SET #s = :s',
    ExpressionAttributeNames: { '#s': 'status' },
    ExpressionAttributeValues: { ':s': 'stored' },
    ReturnValues: 'NONE',
  });
}
