import type { IdentityDirectory } from '../core/identity/directory';
import { localDirectory } from '../core/identity/directory';
import type { AppDeps } from './deps';

/** The runtime's identity directory: the one the composition root chose, else the local one. */
export function directoryOf(deps: AppDeps): IdentityDirectory {
  return deps.directory ?? localDirectory(deps);
}
