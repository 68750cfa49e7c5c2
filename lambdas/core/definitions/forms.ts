/**
 * Form definitions: drafts, checks before publish, immutable versions, and the evolution report (drafts of open
 * tasks pinned to older versions that the new version would refuse). Published versions never change, so this
 * process keeps them in memory once read.
 */
import { NotFoundError, ValidationError } from '../errors';
import type { FieldError, FormDefinition } from '../forms';
import { validateFormDefinition } from '../forms';
import type { Item } from '../db/port';
import type { Ports } from '../ports';
import type { Published } from './store';
import { findDraft, getPublished, latestPublishedRef, publishVersion, saveDraft } from './store';

export type FormContent = Omit<FormDefinition, 'id'>;

export interface FormVersion extends FormDefinition {
  version: number;
}

export const saveFormDraft = (
  ports: Ports,
  id: string,
  content: FormContent,
  author: string,
  expectVersion?: number,
) => saveDraft(ports, 'FORM', id, content, author, expectVersion);

export async function getFormDraft(ports: Ports, id: string) {
  const draft = await findDraft<FormContent>(ports, 'FORM', id);
  if (!draft) throw new NotFoundError('form', id);
  return draft;
}

/** Published versions by `<id>@<n>`, with their content hash (a version never changes once published). */
const versions = new Map<string, { version: FormVersion; hash: string }>();

const toVersion = (p: Published<FormContent>): FormVersion => ({ id: p.id, version: p.number, ...p.content });

function keep(p: Published<FormContent>): FormVersion {
  const v = toVersion(p);
  if (versions.size > 2000) versions.delete(versions.keys().next().value as string);
  versions.set(`${p.id}@${p.number}`, { version: v, hash: p.hash });
  return v;
}

/** One published version; immutable, so cached for the life of the process. */
export async function getFormVersion(ports: Pick<Ports, 'db'>, id: string, n: number): Promise<FormVersion> {
  const cached = versions.get(`${id}@${n}`);
  if (cached) return cached.version;
  return keep(await getPublished<FormContent>(ports, 'FORM', id, n));
}

/**
 * The latest published version, looked up in the store every time (a step opens on what is published now): the
 * draft's pointer, number and hash only — `pointer` when the caller read the draft item with its other reads
 * (`POINTER_ATTRIBUTES`); the content comes from memory unless this version is new here.
 */
export async function latestFormVersion(
  ports: Pick<Ports, 'db'>,
  id: string,
  pointer?: Item | null,
): Promise<FormVersion> {
  const ref = await latestPublishedRef(ports, 'FORM', id, pointer);
  if (!ref) throw new NotFoundError('published form', id);
  const cached = versions.get(`${id}@${ref.number}`);
  if (cached?.hash === ref.hash) return cached.version;
  return keep(await getPublished<FormContent>(ports, 'FORM', id, ref.number));
}

export function checkForm(id: string, content: FormContent): FieldError[] {
  return validateFormDefinition({ id, ...content });
}

/** Publishes the draft (or an older version's content, for a rollback) after every check passes. */
export async function publishForm(
  ports: Ports,
  id: string,
  author: string,
  changeNote: string,
  fromVersion?: number,
): Promise<Published<FormContent>> {
  const content =
    fromVersion !== undefined
      ? (await getPublished<FormContent>(ports, 'FORM', id, fromVersion)).content
      : (await getFormDraft(ports, id)).content;
  const problems = checkForm(id, content);
  if (problems.length) throw new ValidationError(`form ${id} has ${problems.length} problem(s)`, problems);
  const { version } = await publishVersion(ports, 'FORM', id, content, author, changeNote);
  return version;
}
