/**
 * Files attached to forms (reports, photos, certificates): declared first (name, size, type, sha256), then the
 * bytes go to the upload URL — the local server under DATA_DIR, or S3 by a pre-signed PUT on AWS. A form field
 * holds `{ fileId, name, sha256 }`. Size and type are limited; the sha256 is checked when the bytes arrive.
 * A file uploaded for a case's form names the case, and whoever may see the case may read it (the enterprise and
 * the consultancy drafting for it, the experts and banks taking part, the region's administrators).
 */
import { findCase } from '../cases/cases';
import { canSeeCase } from '../cases/access';
import { NotFoundError, ValidationError } from '../errors';
import type { Actor } from '../identity/actor';
import { administers } from '../identity/authorize';
import { findOrganisation } from '../identity/organisations';
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
  /** The case whose form it was uploaded for: its readers may read the file. */
  caseId?: string;
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
  /** The case the file is for; the uploader must be able to see it. */
  caseId?: string;
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
  if (d.caseId && !(await seesCase(ports, actor, d.caseId))) throw new NotFoundError('case', d.caseId);
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

/**
 * The file if the actor may read it: its uploader's organisation, administrators of that organisation's region, and
 * whoever may see the case it was uploaded for. NOT_FOUND otherwise, as for a file that does not exist.
 */
export async function readableFile(ports: Pick<Ports, 'db'>, actor: Actor, id: string): Promise<FileRecord> {
  const f = await getFile(ports, id).catch(() => undefined);
  if (!f) throw new NotFoundError('file', id);
  if (f.organisationId === actor.organisationId) return f;
  if (actor.role === 'admin') {
    const org = await findOrganisation(ports, f.organisationId);
    if (org && administers(actor, org)) return f;
  }
  if (f.caseId && (await seesCase(ports, actor, f.caseId))) return f;
  throw new NotFoundError('file', id);
}

async function seesCase(ports: Pick<Ports, 'db'>, actor: Actor, caseId: string): Promise<boolean> {
  const c = await findCase(ports, caseId);
  return Boolean(c && (await canSeeCase(ports, actor, c)));
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
