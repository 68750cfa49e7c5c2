import type { ExecRecord } from '../runtime/types.js';

/**
 * Key layout of the store. Buckets:
 * - `sm` state machine records by ARN; `smv:<smArn>` versions by zero-padded number; `sma:<smArn>` aliases by name
 * - `def` definition texts by hash (executions refer to the hash, so updates never change a running definition)
 * - `x` execution records by ARN; `xi:<smArn>` listing index, newest first; `run` the set of RUNNING executions
 * - `h:<executionArn>` history events by zero-padded id
 * - `t` pending task tokens; `o` the notification outbox; `meta` engine metadata (token secret)
 */
export const BUCKET = {
  stateMachines: 'sm',
  definitions: 'def',
  executions: 'x',
  running: 'run',
  tokens: 't',
  outbox: 'o',
  meta: 'meta',
} as const;

export const versionBucket = (smArn: string): string => `smv:${smArn}`;
export const aliasBucket = (smArn: string): string => `sma:${smArn}`;
export const historyBucket = (execArn: string): string => `h:${execArn}`;
export const indexBucket = (smArn: string): string => `xi:${smArn}`;

export function pad(n: number, width = 10): string {
  return String(n).padStart(width, '0');
}

/** Newest first: the key sorts by inverted start time, then name. */
export function indexKey(start: number, name: string): string {
  return `${pad(9_999_999_999_999 - start, 13)}:${name}`;
}

/** What ListExecutions shows, kept in the index so listing never loads full records. */
export interface ExecSummary {
  arn: string;
  name: string;
  status: ExecRecord['status'];
  start: number;
  stop?: number;
  versionArn?: string;
  aliasArn?: string;
}

export function summaryOf(x: ExecRecord): ExecSummary {
  const s: ExecSummary = { arn: x.arn, name: x.name, status: x.status, start: x.start };
  if (x.stop !== undefined) s.stop = x.stop;
  if (x.versionArn) s.versionArn = x.versionArn;
  if (x.aliasArn) s.aliasArn = x.aliasArn;
  return s;
}
