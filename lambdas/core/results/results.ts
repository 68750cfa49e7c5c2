/**
 * A case's results record, one item per case (`RESULTS#<caseId>` / `RESULTS`): the performance table, the options
 * with their appraisal (capex, NPV, IRR, payback) and the certificate. Each writer sets only its own attributes, so
 * `cp-performance` and `cp-issue-certificate` never overwrite each other; issue 6 reads it for bank referral
 * packages and dashboards.
 */
import type { Case } from '../cases/model';
import type { Item } from '../db/port';
import type { Ports } from '../ports';
import { isoTime } from '../ports';

export const resultsKey = (caseId: string) => ({ PK: `RESULTS#${caseId}`, SK: 'RESULTS' });

export type CaseFacts = Pick<
  Case,
  'id' | 'organisationId' | 'organisationName' | 'regionPath' | 'programmeId'
>;

/** The attributes writers may set. */
export type ResultsPatch = Partial<Record<'performance' | 'options' | 'certificate', unknown>>;

export interface CaseResults {
  caseId: string;
  organisationId: string;
  organisationName: string;
  regionPath: string;
  programmeId: string;
  performance?: unknown;
  options?: unknown;
  certificate?: unknown;
  updatedAt: string;
}

/**
 * Sets the given attributes, creating the item with the case's facts if it does not exist. Idempotent: setting the
 * same values again changes nothing but `updatedAt`.
 * @example await setResults(ports, caseFacts, { performance })
 */
export async function setResults(
  ports: Pick<Ports, 'db' | 'clock'>,
  c: CaseFacts,
  patch: ResultsPatch,
): Promise<void> {
  const names: Record<string, string> = {
    '#t': 'type',
    '#c': 'caseId',
    '#o': 'organisationId',
    '#on': 'organisationName',
    '#r': 'regionPath',
    '#p': 'programmeId',
    '#u': 'updatedAt',
  };
  const values: Record<string, unknown> = {
    ':t': 'case-results',
    ':c': c.id,
    ':o': c.organisationId,
    ':on': c.organisationName,
    ':r': c.regionPath,
    ':p': c.programmeId,
    ':u': isoTime(ports.clock.now()),
  };
  const sets = ['#t = :t', '#c = :c', '#o = :o', '#on = :on', '#r = :r', '#p = :p', '#u = :u'];
  Object.entries(patch).forEach(([attr, value], i) => {
    if (value === undefined) return;
    names[`#a${i}`] = attr;
    values[`:a${i}`] = value;
    sets.push(`#a${i} = :a${i}`);
  });
  await ports.db.update({
    Key: resultsKey(c.id),
    UpdateExpression: `SET ${sets.join(', ')}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ReturnValues: 'NONE',
  });
}

export function resultsFromItem(item: Item): CaseResults {
  const { PK: _pk, SK: _sk, type: _t, ...rest } = item;
  return rest as unknown as CaseResults;
}

/** The results record of a case, or undefined before anything was recorded. */
export async function findResults(
  { db }: Pick<Ports, 'db'>,
  caseId: string,
): Promise<CaseResults | undefined> {
  const item = await db.get({ Key: resultsKey(caseId), ConsistentRead: true });
  return item ? resultsFromItem(item) : undefined;
}
