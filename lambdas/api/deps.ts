import type { Config } from '../config';
import type { PasswordHasher, TokenIssuer } from '../core/identity/login';
import type { Ports } from '../core/ports';
import type { TokenVerifier } from '../adapters/tokens';
import type { Actor } from '../core/identity/actor';
import type { DryRunner, WorkflowEngine } from '../core/definitions/engine';
import type { FileStore } from '../core/files/files';
import type { IdentityDirectory } from '../core/identity/directory';

/** Everything the API needs, built once per process by a composition root (local/main.ts, api/handler.ts). */
export interface AppDeps extends Ports {
  config: Pick<Config, 'maxBodyBytes'>;
  passwords: PasswordHasher;
  /** Absent on AWS: Cognito signs users in there. */
  tokens?: TokenIssuer;
  verifier: TokenVerifier;
  /** Sign-in and user credentials. Absent: the local directory (table users, scrypt, `tokens`); Cognito on AWS. */
  directory?: IdentityDirectory;
  engine: WorkflowEngine;
  /** Logical names workflows may call (lambdas/registry.ts). */
  functions: ReadonlySet<string>;
  /** Logical function name → what Step Functions calls (the name locally, the deployed ARN on AWS). */
  resolveFunction(name: string): string;
  dryRun: DryRunner;
  files: FileStore;
  log: (message: string, extra?: unknown) => void;
}

export interface AppEnv {
  Variables: {
    actor: Actor;
    deps: AppDeps;
    /** The request's `Idempotency-Key` (POST), for handlers whose new resource must be the same on a rerun. */
    idempotencyKey?: string;
  };
}
