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

/** HS256 tokens signed with a secret kept under DATA_DIR: the local runtime's stand-in for Cognito. */
export function localTokens(secret: Uint8Array, now: () => number = Date.now): TokenIssuer & TokenVerifier {
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
      try {
        const { payload } = await jwtVerify(token, secret, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: new Date(now()),
        });
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
