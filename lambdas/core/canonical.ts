/**
 * Canonical JSON (keys sorted, no whitespace) and SHA-256 over it: the same bytes for the same value on every
 * runtime, so hashes of definitions and case events can be recomputed and compared anywhere.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The part of node:crypto used here (typed locally: this module imports nothing from Node). */
interface NodeCrypto {
  createHash(algorithm: 'sha256'): {
    update(text: string, encoding: 'utf8'): { digest(encoding: 'hex'): string };
  };
}

/**
 * Node's synchronous hash where there is one (found at run time, so this module stays free of Node imports and
 * also runs in the browser). Web Crypto's digest is asynchronous and goes through the libuv thread pool: ~0.1 ms
 * per hash on a quiet machine, several on a loaded one, against a few microseconds for `createHash`
 * (docs/benchmarks.md, submission throughput).
 */
const nodeCrypto = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;

/** Hex SHA-256 of a string's UTF-8 bytes: the same result in Node and the browser. */
export async function sha256Hex(text: string): Promise<string> {
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex');
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export const hashOf = (value: unknown) => sha256Hex(canonicalJson(value));
