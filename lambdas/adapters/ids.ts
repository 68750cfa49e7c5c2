import { randomBytes } from 'node:crypto';
import type { Ids } from '../core/ports';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

function base32(value: bigint, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

/** ULID-shaped ids (48-bit time + 80 random bits), so ids sort by creation time: `case_01jd3…`. */
export const randomIds: Ids = {
  next(prefix: string) {
    const time = base32(BigInt(Date.now()), 10);
    const rand = base32(BigInt(`0x${randomBytes(10).toString('hex')}`), 16);
    return `${prefix}_${time}${rand}`;
  },
};
