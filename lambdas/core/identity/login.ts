/**
 * Local sign-in: scrypt hashes, a growing delay after repeated failures and a lockout after ten. On AWS the
 * same rules are Cognito's; this path serves `npm start`.
 */
import { DomainError } from '../errors';
import type { Ports } from '../ports';
import { buildUpdate } from '../db/expressions';
import type { Claims } from './claims';
import { claimsFor } from './claims';
import { getOrganisation } from './organisations';
import type { User } from './users';
import { credentialsFromItem, findUserItemByUsername, userFromItem, userKey } from './users';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}

export interface TokenIssuer {
  issue(claims: Claims): Promise<{ token: string; expiresAt: number }>;
}

export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('INVALID_CREDENTIALS', 'wrong username or password');
  }
}

export class TooManyAttemptsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('TOO_MANY_ATTEMPTS', `too many failed sign-ins; try again in ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  }
}

export const LOCKOUT_AFTER = 10;
export const LOCKOUT_MS = 15 * 60_000;

/**
 * How long sign-in stays closed after `failed` consecutive failures: nothing for the first two, then 1 s, 2 s,
 * 4 s … doubling, and a 15-minute lockout from the tenth.
 * @example lockDurationMs(3) // 1000
 */
export function lockDurationMs(failed: number): number {
  if (failed >= LOCKOUT_AFTER) return LOCKOUT_MS;
  if (failed < 3) return 0;
  return Math.min(1000 * 2 ** (failed - 3), LOCKOUT_MS);
}

export async function login(
  ports: Ports & { passwords: PasswordHasher; tokens: TokenIssuer },
  input: { username: string; password: string },
): Promise<{ token: string; expiresAt: number; user: User }> {
  const now = ports.clock.now();
  const item = await findUserItemByUsername(ports, input.username);
  if (!item) {
    // Spend the same work as a real check so response time does not reveal which usernames exist.
    await ports.passwords.verify(input.password, DUMMY_HASH);
    throw new InvalidCredentialsError();
  }
  const creds = credentialsFromItem(item);
  if (creds.lockedUntil > now) throw new TooManyAttemptsError(Math.ceil((creds.lockedUntil - now) / 1000));
  const user = userFromItem(item);
  const ok = (await ports.passwords.verify(input.password, creds.passwordHash)) && user.status === 'active';
  if (!ok) {
    const failed = creds.failedLogins + 1;
    await ports.db.update(
      buildUpdate(userKey(user.id), {
        set: { lockedUntil: now + lockDurationMs(failed) },
        add: { failedLogins: 1 },
        returnValues: 'NONE',
      }),
    );
    throw new InvalidCredentialsError();
  }
  if (creds.failedLogins > 0) {
    await ports.db.update(
      buildUpdate(userKey(user.id), { set: { failedLogins: 0, lockedUntil: 0 }, returnValues: 'NONE' }),
    );
  }
  const org = await getOrganisation(ports, user.organisationId);
  const { token, expiresAt } = await ports.tokens.issue(claimsFor(user, org));
  return { token, expiresAt, user };
}

/** A valid scrypt hash of a random password nobody knows (see adapters/passwords.ts for the format). */
export const DUMMY_HASH =
  'scrypt$16384$8$1$pXZSEGqDrbGqTIklF_bIIg$Eui3CK3E-gddBMfg8enpJa_zW0QEgMs07xttUsjrCHwjBqJqhglgrivqLTzUJl5FRoytryJFVgFmdDHDvW73dw';
