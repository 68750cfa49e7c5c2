import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Claims } from '../core/identity/claims';
import { UnauthenticatedError } from '../core/identity/claims';
import type { TokenIssuer } from '../core/identity/login';

/** Checks a bearer token and returns its claims; throws UnauthenticatedError for anything not genuine. */
export interface TokenVerifier {
  verify(token: string): Promise<Record<string, unknown>>;
}

const ISSUER = 'cpflow-local';
const AUDIENCE = 'cpflow';
const LIFETIME_SECONDS = 8 * 3600;

/** Verified tokens kept (by their exact text) until they expire: a user's every request carries the same one. */
const VERIFIED_CACHE_SIZE = 2000;

/** HS256 tokens signed with a secret kept under DATA_DIR: the local runtime's stand-in for Cognito. */
export function localTokens(secret: Uint8Array, now: () => number = Date.now): TokenIssuer & TokenVerifier {
  // An HMAC check through Web Crypto costs ~1 ms on a loaded machine; a token that verified once stays valid until
  // its `exp`, so the claims are kept for it (keyed by the whole token: any other byte string is verified afresh).
  const verified = new Map<string, { payload: Record<string, unknown>; exp: number }>();
  return {
    async issue(claims: Claims) {
      const iat = Math.floor(now() / 1000);
      const exp = iat + LIFETIME_SECONDS;
      const token = await new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(secret);
      return { token, expiresAt: exp * 1000 };
    },
    async verify(token: string) {
      const hit = verified.get(token);
      if (hit && now() < hit.exp * 1000) return { ...hit.payload };
      if (hit) verified.delete(token);
      try {
        const { payload } = await jwtVerify(token, secret, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: new Date(now()),
        });
        if (typeof payload.exp === 'number') {
          if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value as string);
          verified.set(token, { payload: payload as Record<string, unknown>, exp: payload.exp });
        }
        return payload as Record<string, unknown>;
      } catch (err) {
        if (err instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('token expired');
        throw new UnauthenticatedError('invalid token');
      }
    },
  };
}

/** Cognito ID tokens, checked against the user pool's JWKS (API Gateway has checked them once already). */
export function cognitoTokens(userPoolId: string, clientId: string): TokenVerifier {
  const verifier = CognitoJwtVerifier.create({ userPoolId, tokenUse: 'id', clientId });
  return {
    async verify(token: string) {
      try {
        return (await verifier.verify(token)) as unknown as Record<string, unknown>;
      } catch {
        throw new UnauthenticatedError('invalid token');
      }
    },
  };
}
