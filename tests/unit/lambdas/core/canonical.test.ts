import { describe, expect, it } from 'vitest';
import { canonicalJson, hashOf, sha256Hex } from '../../../../lambdas/core/canonical';

describe('canonical hashing', () => {
  it('gives the standard SHA-256 of the UTF-8 bytes, as Web Crypto does', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (const text of ['', '清洁生产审核', '{"a":[1,2,{"b":null}]}', 'x'.repeat(10_000)]) {
      const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
      const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
      expect(await sha256Hex(text)).toBe(hex);
    }
  });

  it('hashes values by their canonical JSON', async () => {
    expect(canonicalJson({ b: 1, a: [true, null] })).toBe('{"a":[true,null],"b":1}');
    expect(await hashOf({ b: 1, a: 2 })).toBe(await hashOf({ a: 2, b: 1 }));
  });
});
