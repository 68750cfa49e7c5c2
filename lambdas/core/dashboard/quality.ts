/**
 * What a case leaves for the dashboard when it closes (`recordExecutionChange`, off the submission path): how often
 * its report went back for revision with which coherence findings, and — for a completed case — the totals of its
 * final performance table. Both are read once, at close, and kept on the case item, so the roll-up reads case items
 * only. A closing event delivered again finds the case closed and changes nothing.
 */
import type { Ports } from '../ports';
import type { CaseResults } from '../results/results';
import { findResults } from '../results/results';
import type { CaseQuality, CaseSavings } from './model';

interface RevisionPrefill {
  coherenceFindings?: unknown;
}

/**
 * A step opened with `coherenceFindings` in its prefill is a revision request (the workflows' RevisionNotes and
 * InputRejected states put them there, docs/authoring.md); its findings are counted by severity.
 * @example qualityOf([{ prefill: { coherenceFindings: [{ severity: 'block' }] } }]) // { revisionLoops: 1, block: 1, warn: 0 }
 */
export function qualityOf(tasks: { prefill?: RevisionPrefill }[]): CaseQuality {
  const q: CaseQuality = { revisionLoops: 0, block: 0, warn: 0 };
  for (const t of tasks) {
    const findings = t.prefill?.coherenceFindings;
    if (!Array.isArray(findings)) continue;
    q.revisionLoops++;
    for (const f of findings as { severity?: unknown }[]) {
      if (f?.severity === 'block') q.block++;
      else q.warn++;
    }
  }
  return q;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The totals of a results record's performance table, when it has one with a year. */
export function savingsOf(results: Pick<CaseResults, 'performance'> | undefined): CaseSavings | undefined {
  const p = results?.performance as
    | {
        year?: unknown;
        tce?: { equivalent?: unknown };
        waterT?: unknown;
        co2T?: unknown;
        pollutants?: unknown;
      }
    | undefined;
  if (!p || typeof p.year !== 'number') return undefined;
  const pollutants: Record<string, number> = {};
  if (p.pollutants && typeof p.pollutants === 'object') {
    for (const [code, v] of Object.entries(p.pollutants as Record<string, unknown>))
      if (num(v)) pollutants[code] = num(v);
  }
  return { year: p.year, tce: num(p.tce?.equivalent), waterT: num(p.waterT), co2T: num(p.co2T), pollutants };
}

/**
 * Reads the case's steps (one query per page of `CASETASKS#<caseId>`, only their revision notes) and, for a
 * completed case, its results record.
 */
export async function closingFacts(
  ports: Pick<Ports, 'db'>,
  caseId: string,
  status: string,
): Promise<{ quality: CaseQuality; savings?: CaseSavings }> {
  const tasks: { prefill?: RevisionPrefill }[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ports.db.query({
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': `CASETASKS#${caseId}` },
      ProjectionExpression: '#p.#f',
      ExpressionAttributeNames: { '#p': 'prefill', '#f': 'coherenceFindings' },
      ExclusiveStartKey: start,
    });
    tasks.push(...(page.items as { prefill?: RevisionPrefill }[]));
    start = page.lastKey;
  } while (start);
  const savings = status === 'completed' ? savingsOf(await findResults(ports, caseId)) : undefined;
  return { quality: qualityOf(tasks), ...(savings ? { savings } : {}) };
}
