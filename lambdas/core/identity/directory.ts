/**
 * Where users sign in and where their credentials live. Locally that is the user item itself (scrypt hash, failed
 * sign-in counter, HS256 tokens); on AWS it is Cognito (lambdas/adapters/cognito-directory.ts), while the user item
 * in the table stays the profile every other service reads. Routes talk to this port only, so `/api/auth/login`
 * and `/api/admin/users` behave the same on both runtimes.
 */
import { DomainError } from '../errors';
import type { Ports } from '../ports';
import type { PasswordHasher, TokenIssuer } from './login';
import { login } from './login';
import type { User, UserPatch } from './users';
import { checkPassword, createUser, updateUser } from './users';

export interface NewUser {
  username: string;
  displayName: string;
  email?: string;
  organisationId: string;
  password: string;
}

/** What an administrator may change about a user; `password` is the new password in clear (never stored). */
export type UserChange = Omit<UserPatch, 'passwordHash'> & { password?: string };

export interface SignedIn {
  /** A bearer token carrying the claims of claims.ts (an ID token on Cognito). */
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  user: User;
}

export interface IdentityDirectory {
  signIn(input: { username: string; password: string }): Promise<SignedIn>;
  /** Creates the user (role from the organisation's kind) with a password that is usable at once. */
  createUser(input: NewUser): Promise<User>;
  updateUser(current: User, change: UserChange, expectVersion: number): Promise<User>;
}

/** The local directory: users, hashes and lockouts in the table, tokens from the local issuer. */
export function localDirectory(
  ports: Ports & { passwords: PasswordHasher; tokens?: TokenIssuer },
): IdentityDirectory {
  return {
    async signIn(input) {
      const { tokens } = ports;
      if (!tokens) throw new DomainError('NOT_FOUND', 'sign in through Cognito on this deployment');
      return login({ ...ports, tokens }, input);
    },
    async createUser({ password, ...input }) {
      checkPassword(password);
      return createUser(ports, { ...input, passwordHash: await ports.passwords.hash(password) });
    },
    async updateUser(current, { password, ...patch }, expectVersion) {
      if (password !== undefined) checkPassword(password);
      const passwordHash = password !== undefined ? await ports.passwords.hash(password) : undefined;
      return updateUser(
        ports,
        current,
        { ...patch, ...(passwordHash ? { passwordHash } : {}) },
        expectVersion,
      );
    },
  };
}
