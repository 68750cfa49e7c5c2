import type { Clock } from '../contract.js';
import type { StateMachineRepo } from '../repo/state-machines.js';
import type { Target } from '../repo/targets.js';
import type { DefinitionStore } from '../runtime/definitions.js';
import type { ExecutionManager } from '../runtime/manager.js';
import type { Committer } from '../store/committer.js';
import type { TokenSigner } from '../util/tokens.js';
import type { Input } from './input.js';

/** What API actions work with. */
export interface ApiContext {
  region: string;
  accountId: string;
  clock: Clock;
  store: Committer;
  repo: StateMachineRepo;
  definitions: DefinitionStore;
  manager: ExecutionManager;
  tokens: TokenSigner;
  resolveTarget(arn: string): Promise<Target>;
}

export type Action = (ctx: ApiContext, input: Input) => Promise<Record<string, unknown>>;
