/**
 * Submission references in task payloads. A human step's result carries the submitted data inline up to 32 KB
 * and only `dataRef: { submissionId }` above that (tasks.ts: Step Functions caps a state's data at 256 KB), so a
 * JSONPath such as `$.report.data.summary.options` would fail on a large report. A workflow that reads fields of
 * a possibly large submission passes the step result whole and names the field instead:
 *
 *     "options": { "fromSubmission.$": "$.report", "path": "summary.options" }
 *
 * Before a task function runs, every such object in its payload is replaced by the value at `path` in the
 * submission's data (all of it when `path` is absent), with `merge` shallow-merged on top when given (as
 * `States.JsonMerge(data, merge, false)` would). Inline data is used as it is; a `dataRef` is read from the store,
 * and only when the submission belongs to the payload's case.
 */
import { DomainError } from '../errors';
import type { Ports } from '../ports';
import { getSubmissionItem } from './submissions';

const REF = 'fromSubmission';
const REF_KEYS = new Set([REF, 'path', 'merge']);

/** A reference names a bad path or a submission of another case: a workflow authoring fault, not retryable. */
export class SubmissionRefError extends DomainError {
  constructor(message: string) {
    super('VALIDATION_FAILED', message);
    this.name = 'Submission.InvalidReference';
  }
}

interface StepResult {
  submissionId?: unknown;
  data?: unknown;
  dataRef?: { submissionId?: unknown };
}

interface SubmissionRef {
  fromSubmission: StepResult;
  path?: string;
  merge?: Record<string, unknown>;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function isRef(v: Record<string, unknown>): v is Record<string, unknown> & SubmissionRef {
  return REF in v && isObject(v[REF]) && Object.keys(v).every((k) => REF_KEYS.has(k));
}

/** The value at a dotted path (`summary.options`, `rows.0.id`); undefined when any part is missing. */
export function valueAt(data: unknown, path: string | undefined): unknown {
  if (path === undefined || path === '') return data;
  let at: unknown = data;
  for (const part of path.split('.')) {
    if (Array.isArray(at) && /^\d+$/.test(part)) at = at[Number(part)];
    else if (isObject(at) && Object.hasOwn(at, part)) at = at[part];
    else return undefined;
  }
  return at;
}

/** True when the payload holds at least one reference (most do not, and are passed on untouched). */
function hasRef(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasRef);
  if (!isObject(v)) return false;
  return isRef(v) || Object.values(v).some(hasRef);
}

/**
 * Replaces every submission reference in a task payload by the value it names.
 * @example await resolveSubmissionRefs(ports, { caseId, options: { fromSubmission: report, path: 'summary.options' } })
 */
export async function resolveSubmissionRefs(ports: Pick<Ports, 'db'>, payload: unknown): Promise<unknown> {
  if (!hasRef(payload)) return payload;
  const caseId = isObject(payload) && typeof payload.caseId === 'string' ? payload.caseId : undefined;
  const loaded = new Map<string, Promise<unknown>>();
  const dataOf = (step: StepResult): Promise<unknown> => {
    if ('data' in step) return Promise.resolve(step.data);
    const id = step.dataRef?.submissionId;
    if (typeof id !== 'string') {
      throw new SubmissionRefError('fromSubmission must be a human step result (with data or dataRef)');
    }
    let p = loaded.get(id);
    if (!p) {
      p = getSubmissionItem(ports, id).then((s) => {
        if (caseId !== undefined && s.caseId !== caseId) {
          throw new SubmissionRefError(`submission ${id} does not belong to case ${caseId}`);
        }
        return s.data;
      });
      loaded.set(id, p);
    }
    return p;
  };
  const resolve = async (v: unknown): Promise<unknown> => {
    if (Array.isArray(v)) return Promise.all(v.map(resolve));
    if (!isObject(v)) return v;
    if (isRef(v)) {
      if (v.path !== undefined && typeof v.path !== 'string') {
        throw new SubmissionRefError('a submission reference\'s "path" is a dotted string');
      }
      const value = valueAt(await dataOf(v.fromSubmission), v.path);
      if (v.merge === undefined) return value;
      if (!isObject(v.merge) || (value !== undefined && !isObject(value))) {
        throw new SubmissionRefError('"merge" joins two objects');
      }
      return { ...value, ...((await resolve(v.merge)) as Record<string, unknown>) };
    }
    const entries = await Promise.all(
      Object.entries(v).map(async ([k, x]) => [k, await resolve(x)] as const),
    );
    return Object.fromEntries(entries);
  };
  return resolve(payload);
}
