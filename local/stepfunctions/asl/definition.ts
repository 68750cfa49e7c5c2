import { SfnApiError } from '../errors.js';
import type { Definition, QueryLanguage, State, StateMachineScope } from './types.js';
import { definitionHash, invalidDefinitionMessage, validateDefinition } from './validate.js';

/**
 * A validated definition, with every scope (the root, each Map processor, each Parallel branch) indexed by a
 * stable id, so that a persisted run can name the scope it is in.
 */
export interface CompiledDefinition {
  hash: string;
  text: string;
  root: Definition;
  scopes: Map<string, StateMachineScope>;
}

export const ROOT_SCOPE = '';

/** Scope id of a Map's processor, or of Parallel branch `branch`. Ids nest: a path of state names. */
export function childScopeId(parent: string, stateName: string, branch?: number): string {
  return `${parent}/${stateName}${branch === undefined ? '' : `#${branch}`}`;
}

const compiled = new Map<string, CompiledDefinition>();

/** Validates and indexes a definition; throws InvalidDefinition with AWS's message format. Cached by hash. */
export async function compileDefinition(text: string): Promise<CompiledDefinition> {
  const hash = definitionHash(text);
  const hit = compiled.get(hash);
  if (hit) return hit;
  const result = await validateDefinition(text);
  if (!result.definition) {
    throw new SfnApiError(
      'InvalidDefinition',
      `Invalid State Machine Definition: ${invalidDefinitionMessage(result.diagnostics)}`,
    );
  }
  const scopes = new Map<string, StateMachineScope>();
  index(result.definition, ROOT_SCOPE, scopes, result.definition.QueryLanguage);
  const def: CompiledDefinition = { hash, text, root: result.definition, scopes };
  if (compiled.size > 500) compiled.clear();
  compiled.set(hash, def);
  return def;
}

/** Compiles a definition that was validated when it was stored (skips asl-validator when not cached). */
export function compileTrusted(text: string): CompiledDefinition {
  const hash = definitionHash(text);
  const hit = compiled.get(hash);
  if (hit) return hit;
  const root = JSON.parse(text) as Definition;
  const scopes = new Map<string, StateMachineScope>();
  index(root, ROOT_SCOPE, scopes, root.QueryLanguage);
  const def: CompiledDefinition = { hash, text, root, scopes };
  compiled.set(hash, def);
  return def;
}

/** Indexes scopes and settles each state's QueryLanguage (its own, else the top-level one, else JSONPath). */
function index(
  scope: StateMachineScope,
  id: string,
  out: Map<string, StateMachineScope>,
  language: QueryLanguage = 'JSONPath',
): void {
  out.set(id, scope);
  for (const [name, state] of Object.entries(scope.States)) {
    state.QueryLanguage ??= language;
    const proc = state.ItemProcessor ?? state.Iterator;
    if (state.Type === 'Map' && proc) index(proc, childScopeId(id, name), out, language);
    if (state.Type === 'Parallel')
      state.Branches?.forEach((b, i) => index(b, childScopeId(id, name, i), out, language));
  }
}

export function stateOf(def: CompiledDefinition, scopeId: string, name: string): State {
  const scope = def.scopes.get(scopeId);
  const state = scope?.States[name];
  if (!state) throw new Error(`state '${name}' not found in scope '${scopeId}'`);
  return state;
}
