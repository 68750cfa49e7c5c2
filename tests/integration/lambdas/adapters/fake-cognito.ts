/**
 * An in-memory stand-in for the Cognito user-pool API: the actions the identity directory calls, with Cognito's
 * error names and a strict password policy. ID tokens are `fake.<base64url claims>`; `verifier` reads them back.
 * Cognito has no local emulator in this stack, so this fake is the one place its behaviour is assumed.
 */
import type { CognitoIdp } from '../../../../lambdas/adapters/cognito-idp';
import { CognitoError } from '../../../../lambdas/adapters/cognito-idp';
import type { TokenVerifier } from '../../../../lambdas/adapters/tokens';
import { UnauthenticatedError } from '../../../../lambdas/core/identity/claims';

interface FakeUser {
  username: string;
  sub: string;
  attributes: Map<string, string>;
  password?: string;
  permanent: boolean;
  enabled: boolean;
  groups: Set<string>;
  signOuts: number;
}

const fail = (name: string, message = name) => {
  throw new CognitoError(name, message, 400);
};

export class FakeCognito implements CognitoIdp {
  readonly users = new Map<string, FakeUser>();
  readonly calls: string[] = [];
  private subs = 0;

  async call<T>(action: string, input: Record<string, unknown>): Promise<T> {
    this.calls.push(action);
    const username = String(input.Username ?? '');
    const user = () => this.users.get(username) ?? fail('UserNotFoundException', 'User does not exist.');
    switch (action) {
      case 'AdminCreateUser': {
        if (this.users.has(username)) fail('UsernameExistsException', 'User account already exists');
        const attributes = new Map(
          (input.UserAttributes as { Name: string; Value: string }[]).map((a) => [a.Name, a.Value]),
        );
        this.users.set(username, {
          username,
          sub: `00000000-0000-4000-8000-${String(++this.subs).padStart(12, '0')}`,
          attributes,
          permanent: false,
          enabled: true,
          groups: new Set(),
          signOuts: 0,
        });
        return { User: { Username: username } } as T;
      }
      case 'AdminGetUser': {
        const u = user();
        return {
          Username: u.username,
          UserAttributes: [...u.attributes].map(([Name, Value]) => ({ Name, Value })),
        } as T;
      }
      case 'AdminDeleteUser':
        user();
        this.users.delete(username);
        return {} as T;
      case 'AdminSetUserPassword': {
        const password = String(input.Password);
        if (
          password.length < 10 ||
          !/[a-z]/.test(password) ||
          !/[A-Z]/.test(password) ||
          !/\d/.test(password) ||
          !/[^A-Za-z0-9]/.test(password)
        ) {
          fail(
            'InvalidPasswordException',
            'Password does not conform to policy: Password must have symbol characters',
          );
        }
        Object.assign(user(), { password, permanent: input.Permanent === true });
        return {} as T;
      }
      case 'AdminAddUserToGroup':
        user().groups.add(String(input.GroupName));
        return {} as T;
      case 'AdminUpdateUserAttributes':
        for (const a of input.UserAttributes as { Name: string; Value: string }[])
          user().attributes.set(a.Name, a.Value);
        return {} as T;
      case 'AdminDisableUser':
        user().enabled = false;
        return {} as T;
      case 'AdminEnableUser':
        user().enabled = true;
        return {} as T;
      case 'AdminUserGlobalSignOut':
        user().signOuts++;
        return {} as T;
      case 'InitiateAuth': {
        const params = input.AuthParameters as { USERNAME: string; PASSWORD: string };
        const u = this.users.get(params.USERNAME);
        if (!u || u.password !== params.PASSWORD)
          fail('NotAuthorizedException', 'Incorrect username or password.');
        if (!u!.enabled) fail('NotAuthorizedException', 'User is disabled.');
        if (!u!.permanent) return { ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: 's' } as T;
        return { AuthenticationResult: { IdToken: this.idToken(u!), ExpiresIn: 3600 } } as T;
      }
      default:
        return fail('UnsupportedOperation', action);
    }
  }

  /** An ID token with the claims Cognito puts in one. */
  idToken(u: FakeUser): string {
    const claims = {
      sub: u.sub,
      'cognito:username': u.username,
      'cognito:groups': [...u.groups],
      token_use: 'id',
      ...Object.fromEntries([...u.attributes].filter(([k]) => k.startsWith('custom:'))),
    };
    return `fake.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  }

  /** Reads a fake ID token (the role aws-jwt-verify plays on AWS). */
  readonly verifier: TokenVerifier = {
    verify: async (token) => {
      if (!token.startsWith('fake.')) throw new UnauthenticatedError('invalid token');
      return JSON.parse(Buffer.from(token.slice(5), 'base64url').toString('utf8')) as Record<string, unknown>;
    },
  };
}
