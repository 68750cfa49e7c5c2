/**
 * The identity directory on AWS: passwords, lockouts and tokens are Cognito's; the user item in the table stays the
 * profile the rest of cpflow reads. A user exists in both places, tied by the immutable `custom:userId` attribute
 * (cpflow ids look like `usr_…`; Cognito's own `sub` is a UUID the API's id schema refuses).
 *
 * Creation order makes a crash or a refusal leave nothing behind that blocks a retry: Cognito user (no message
 * sent), permanent password, group, then the table item; a failure after the Cognito user exists deletes it again,
 * and a Cognito user whose table item never got written (an orphan) is replaced by the next attempt.
 */
import { AlreadyExistsError, DomainError, NotFoundError, ValidationError } from '../core/errors';
import { UnauthenticatedError } from '../core/identity/claims';
import type { IdentityDirectory, NewUser, UserChange } from '../core/identity/directory';
import { InvalidCredentialsError, TooManyAttemptsError } from '../core/identity/login';
import { getOrganisation } from '../core/identity/organisations';
import { ROLE_OF_KIND } from '../core/identity/roles';
import type { User } from '../core/identity/users';
import { checkPassword, createUser, findUser, updateUser, USERNAME } from '../core/identity/users';
import type { Ports } from '../core/ports';
import type { CognitoIdp } from './cognito-idp';
import { CognitoError } from './cognito-idp';
import type { TokenVerifier } from './tokens';

/** Stored in place of a password hash: the password lives in Cognito and the local check never accepts this. */
export const COGNITO_MANAGED = 'cognito';

export interface CognitoDirectoryOptions {
  userPoolId: string;
  clientId: string;
  idp: CognitoIdp;
  /** Verifies the ID token InitiateAuth returns and yields cpflow claims (cognitoClaims below). */
  verifier: TokenVerifier;
}

type Attribute = { Name: string; Value: string };

/**
 * Cognito ID-token claims → the claims the local issuer signs (claims.ts): `sub` is the cpflow user id, taken from
 * `custom:userId`; Cognito's own subject is kept as `cognito:sub`.
 */
export function cognitoClaims(verifier: TokenVerifier): TokenVerifier {
  return {
    async verify(token) {
      const claims = await verifier.verify(token);
      const userId = claims['custom:userId'];
      if (typeof userId !== 'string' || !userId) throw new UnauthenticatedError('token lacks cpflow claims');
      return { ...claims, sub: userId, 'cognito:sub': claims.sub };
    },
  };
}

const is = (err: unknown, ...names: string[]) => err instanceof CognitoError && names.includes(err.name);

function passwordRefused(err: CognitoError): ValidationError {
  return new ValidationError('password refused', [{ path: '/password', message: err.message }]);
}

export function cognitoDirectory(ports: Ports, opts: CognitoDirectoryOptions): IdentityDirectory {
  const { idp, userPoolId } = opts;
  const admin = (action: string, input: Record<string, unknown>) =>
    idp.call(action, { UserPoolId: userPoolId, ...input });

  async function setPassword(username: string, password: string): Promise<void> {
    try {
      await admin('AdminSetUserPassword', { Username: username, Password: password, Permanent: true });
    } catch (err) {
      if (is(err, 'InvalidPasswordException')) throw passwordRefused(err as CognitoError);
      throw err;
    }
  }

  /** Creates the Cognito user, replacing an orphan (a Cognito user whose table item was never written). */
  async function createCognitoUser(username: string, attributes: Attribute[]): Promise<void> {
    const create = () =>
      admin('AdminCreateUser', { Username: username, UserAttributes: attributes, MessageAction: 'SUPPRESS' });
    try {
      await create();
    } catch (err) {
      if (!is(err, 'UsernameExistsException')) throw err;
      const existing = await admin('AdminGetUser', { Username: username });
      const attrs = (existing.UserAttributes ?? []) as Attribute[];
      const owner = attrs.find((a) => a.Name === 'custom:userId')?.Value;
      if (!owner || (await findUser(ports, owner))) throw new AlreadyExistsError('username', username);
      await admin('AdminDeleteUser', { Username: username });
      await create();
    }
  }

  return {
    async signIn({ username, password }) {
      let out: Record<string, unknown>;
      try {
        out = await idp.call('InitiateAuth', {
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: opts.clientId,
          AuthParameters: { USERNAME: username, PASSWORD: password },
        });
      } catch (err) {
        if (is(err, 'NotAuthorizedException') && /attempts exceeded/i.test((err as Error).message)) {
          throw new TooManyAttemptsError(60);
        }
        if (is(err, 'NotAuthorizedException', 'UserNotFoundException', 'UserNotConfirmedException')) {
          throw new InvalidCredentialsError();
        }
        if (is(err, 'PasswordResetRequiredException')) {
          throw new DomainError('PASSWORD_RESET_REQUIRED', 'an administrator must set a new password');
        }
        throw err;
      }
      if (typeof out.ChallengeName === 'string') {
        throw new DomainError('SIGN_IN_CHALLENGE', `Cognito asks for ${out.ChallengeName}`, {
          challenge: out.ChallengeName,
        });
      }
      const result = (out.AuthenticationResult ?? {}) as { IdToken?: string; ExpiresIn?: number };
      if (!result.IdToken) throw new InvalidCredentialsError();
      const claims = await opts.verifier.verify(result.IdToken);
      const user = await findUser(ports, String(claims.sub));
      if (!user || user.status !== 'active') throw new InvalidCredentialsError();
      return {
        token: result.IdToken,
        expiresAt: ports.clock.now() + (result.ExpiresIn ?? 3600) * 1000,
        user,
      };
    },

    async createUser({ password, ...input }: NewUser): Promise<User> {
      if (!USERNAME.test(input.username)) {
        throw new ValidationError('invalid username', [
          { path: '/username', message: 'lower-case letters, digits, . _ -; 3–64 characters' },
        ]);
      }
      checkPassword(password);
      const org = await getOrganisation(ports, input.organisationId);
      const id = ports.ids.next('usr');
      await createCognitoUser(input.username, [
        { Name: 'custom:userId', Value: id },
        { Name: 'custom:orgId', Value: org.id },
        { Name: 'custom:region', Value: org.regionPath },
        { Name: 'name', Value: input.displayName },
        ...(input.email
          ? [
              { Name: 'email', Value: input.email },
              { Name: 'email_verified', Value: 'true' },
            ]
          : []),
      ]);
      try {
        await setPassword(input.username, password);
        await admin('AdminAddUserToGroup', { Username: input.username, GroupName: ROLE_OF_KIND[org.kind] });
        return await createUser(ports, { ...input, passwordHash: COGNITO_MANAGED }, id);
      } catch (err) {
        await admin('AdminDeleteUser', { Username: input.username }).catch(() => undefined);
        throw err;
      }
    },

    async updateUser(current: User, { password, ...patch }: UserChange, expectVersion: number) {
      if (password !== undefined) {
        checkPassword(password);
        await setPassword(current.username, password);
      }
      const saved = await updateUser(ports, current, patch, expectVersion);
      const attributes: Attribute[] = [];
      if (patch.displayName !== undefined) attributes.push({ Name: 'name', Value: patch.displayName });
      if (patch.email !== undefined) {
        attributes.push({ Name: 'email', Value: patch.email }, { Name: 'email_verified', Value: 'true' });
      }
      try {
        if (attributes.length) {
          await admin('AdminUpdateUserAttributes', {
            Username: current.username,
            UserAttributes: attributes,
          });
        }
        if (patch.status === 'disabled' && current.status !== 'disabled') {
          await admin('AdminDisableUser', { Username: current.username });
          await admin('AdminUserGlobalSignOut', { Username: current.username });
        }
        if (patch.status === 'active' && current.status !== 'active') {
          await admin('AdminEnableUser', { Username: current.username });
        }
      } catch (err) {
        if (is(err, 'UserNotFoundException')) throw new NotFoundError('Cognito user', current.username);
        throw err;
      }
      return saved;
    },
  };
}
