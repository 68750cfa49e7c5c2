/**
 * Page cursors: the DynamoDB LastEvaluatedKey as base64url JSON. Decoding checks the shape and that the key
 * lies in the partition being queried, so a tampered cursor gets a 400, never a foreign page or a 500.
 */
import { InvalidRequestError } from '../errors';

export function encodeCursor(lastKey: Record<string, unknown> | undefined): string | undefined {
  if (!lastKey) return undefined;
  const json = JSON.stringify(lastKey);
  return btoa(String.fromCharCode(...new TextEncoder().encode(json)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/**
 * @param partition the attribute and value the query is fixed to, e.g. `['GSI1PK', 'ORGS']`.
 */
export function decodeCursor(
  cursor: string | undefined,
  partition: [attr: string, value: string],
): Record<string, string> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const invalid = () =>
    new InvalidRequestError('invalid cursor', [
      { path: '/cursor', message: 'not a cursor this list issued' },
    ]);
  let parsed: unknown;
  try {
    const b64 = cursor.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  const entries = Object.entries(parsed);
  if (
    entries.length > 6 ||
    !entries.every(([k, v]) => /^(PK|SK|GSI\dPK|GSI\dSK)$/.test(k) && typeof v === 'string')
  ) {
    throw invalid();
  }
  const key = Object.fromEntries(entries) as Record<string, string>;
  if (key[partition[0]] !== partition[1]) throw invalid();
  return key;
}
