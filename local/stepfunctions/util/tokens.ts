import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Task tokens: 192 random bits plus a 128-bit HMAC under a per-store secret. Unguessable, and a token this
 * engine never issued is told apart (InvalidToken) from one whose task is over (TaskTimedOut), as AWS does.
 */
export class TokenSigner {
  constructor(private readonly secret: Buffer) {}

  issue(): string {
    const body = randomBytes(24);
    return 'AQ' + Buffer.concat([body, this.mac(body)]).toString('base64url');
  }

  verify(token: string): boolean {
    if (!token.startsWith('AQ')) return false;
    const raw = Buffer.from(token.slice(2), 'base64url');
    if (raw.length !== 40 || raw.toString('base64url') !== token.slice(2)) return false;
    return timingSafeEqual(raw.subarray(24), this.mac(raw.subarray(0, 24)));
  }

  private mac(body: Buffer): Buffer {
    return createHmac('sha256', this.secret).update(body).digest().subarray(0, 16);
  }
}

export function newSecret(): Buffer {
  return randomBytes(32);
}
