import type { Config } from '../config';
import type { PasswordHasher, TokenIssuer } from '../core/identity/login';
import type { Ports } from '../core/ports';
import type { TokenVerifier } from '../adapters/tokens';
import type { Actor } from '../core/identity/actor';

/** Everything the API needs, built once per process by a composition root (local/main.ts, api/handler.ts). */
export interface AppDeps extends Ports {
  config: Pick<Config, 'maxBodyBytes'>;
  passwords: PasswordHasher;
  /** Absent on AWS: Cognito signs users in there. */
  tokens?: TokenIssuer;
  verifier: TokenVerifier;
  log: (message: string, extra?: unknown) => void;
}

export interface AppEnv {
  Variables: { actor: Actor; deps: AppDeps };
}
