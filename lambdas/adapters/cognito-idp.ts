/**
 * The Cognito user-pool API, through @aws-sdk/client-cognito-identity-provider: the handful of actions cpflow uses
 * (docs/decisions.md D9), behind the small `CognitoIdp` interface the identity directory and its test fake share.
 *
 * The SDK client is imported on the first call, not at module load: the api Lambda signs users in and administers
 * them far less often than it serves requests, so its cold start does not carry the client (bench `bundles`).
 */
import type {
  CognitoIdentityProviderClient,
  CognitoIdentityProviderClientConfig,
} from '@aws-sdk/client-cognito-identity-provider';
import type * as CognitoSdk from './cognito-sdk';
import type { CognitoAction } from './cognito-sdk';

export interface CognitoIdp {
  /** Calls `AWSCognitoIdentityProviderService.<action>`; throws CognitoError on an error response. */
  call<T = Record<string, unknown>>(action: string, input: Record<string, unknown>): Promise<T>;
}

/** An error answer from Cognito: `name` is its type (`UsernameExistsException`, `NotAuthorizedException` …). */
export class CognitoError extends Error {
  constructor(
    name: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = name;
  }
}

export interface CognitoIdpOptions {
  region: string;
  /** Default: the region's Cognito endpoint. Tests point it at a local server. */
  endpoint?: string;
  /** Default: the SDK's provider chain (on Lambda, the function role's keys in the environment). */
  credentials?: CognitoIdentityProviderClientConfig['credentials'];
}

/** A command class, typed loosely: `call` takes each action's input as a plain record. */
type AnyCommand = new (
  input: Record<string, unknown>,
) => Parameters<CognitoIdentityProviderClient['send']>[0];

type SdkError = Error & { $fault?: 'client' | 'server'; $metadata?: { httpStatusCode?: number } };

/** An SDK service error (it carries `$fault` and `$metadata`) as a CognitoError; anything else unchanged. */
function toCognitoError(err: unknown): unknown {
  if (!(err instanceof Error) || !('$fault' in err)) return err;
  const e = err as SdkError;
  return new CognitoError(
    e.name,
    e.message,
    e.$metadata?.httpStatusCode ?? (e.$fault === 'server' ? 500 : 400),
  );
}

export function cognitoIdp(opts: CognitoIdpOptions): CognitoIdp {
  let loaded: Promise<{ sdk: typeof CognitoSdk; client: CognitoIdentityProviderClient }> | undefined;
  const load = () =>
    (loaded ??= import('./cognito-sdk').then((sdk) => ({
      sdk,
      client: new sdk.CognitoIdentityProviderClient({
        region: opts.region,
        ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
        ...(opts.credentials ? { credentials: opts.credentials } : {}),
      }),
    })));
  return {
    async call<T>(action: string, input: Record<string, unknown>): Promise<T> {
      const { sdk, client } = await load();
      if (!Object.hasOwn(sdk.COMMANDS, action)) {
        throw new Error(`cognito-idp: ${action} is not one of the actions cpflow uses (cognito-sdk.ts)`);
      }
      const Command = sdk.COMMANDS[action as CognitoAction] as unknown as AnyCommand;
      try {
        const { $metadata: _meta, ...out } = (await client.send(new Command(input))) as {
          $metadata?: unknown;
        };
        return out as T;
      } catch (err) {
        throw toCognitoError(err);
      }
    },
  };
}
