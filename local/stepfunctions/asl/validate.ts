import { createHash } from 'node:crypto';
import type validatorFn from 'asl-validator';
import type { Diagnostic } from './structure.js';
import { checkStructure } from './structure.js';
import type { Definition } from './types.js';

/**
 * Definition validation: our own structural checks (precise messages) plus asl-validator (the JSON schema of ASL).
 * asl-validator costs 135–570 ms a call because it recompiles its schemas, so results are cached by the hash of
 * the definition text, and the module itself is loaded on first use (keeps the Lambda dry-run cold start small).
 */
export type { Diagnostic };

export interface ValidationResult {
  definition: Definition | null;
  diagnostics: Diagnostic[];
}

const cache = new Map<string, ValidationResult>();

export function definitionHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 32);
}

type Validator = typeof validatorFn;
let validatorPromise: Promise<Validator> | undefined;

async function loadValidator(): Promise<Validator> {
  validatorPromise ??= import('asl-validator').then((m) => {
    const mod = m as unknown as { default: Validator | { default: Validator } };
    return typeof mod.default === 'function' ? mod.default : mod.default.default;
  });
  return validatorPromise;
}

export async function validateDefinition(text: string): Promise<ValidationResult> {
  const key = definitionHash(text);
  const hit = cache.get(key);
  if (hit) return hit;
  const result = await compute(text);
  if (cache.size > 500) cache.clear();
  cache.set(key, result);
  return result;
}

async function compute(text: string): Promise<ValidationResult> {
  if (text.trim() === '') {
    return { definition: null, diagnostics: [err('MISSING_DESCRIPTION', 'The definition is empty', '/')] };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { definition: null, diagnostics: [err('INVALID_JSON_DESCRIPTION', (e as Error).message, '/')] };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {
      definition: null,
      diagnostics: [err('INVALID_JSON_DESCRIPTION', 'The definition must be a JSON object', '/')],
    };
  }
  const definition = parsed as Definition;
  const diagnostics = checkStructure(definition);
  const ours = new Set(diagnostics.map((d) => SAME_AS[d.code] ?? d.code));
  const validator = await loadValidator();
  // asl-validator writes QueryLanguage into the states it is given: validate a copy.
  const copy = JSON.parse(text) as unknown;
  for (const e of validator(copy, { checkPaths: true, checkArn: true }).errors) {
    if (ours.has(e['Error code'])) continue;
    const location = e.schemaError?.instancePath || locationIn(e.Message);
    const d = err(e['Error code'], e.Message, location);
    if (!diagnostics.some((x) => x.message === d.message)) diagnostics.push(d);
  }
  return { definition: diagnostics.length ? null : definition, diagnostics };
}

/** asl-validator codes that repeat one of our checks (we keep ours, which names the location). */
const SAME_AS: Record<string, string> = {
  DUPLICATE_STATE_NAME: 'DUPLICATE_STATE_NAMES',
  MISSING_END_STATE: 'MISSING_TERMINAL_STATE',
};

function err(code: string, message: string, location: string): Diagnostic {
  return { severity: 'ERROR', code, message, location };
}

function locationIn(message: string): string {
  const m = /(\/States\/[^\s]*)/.exec(message);
  return m ? (m[1] as string) : '/';
}

/** The text AWS puts in InvalidDefinition: `'CODE: message at /location'`, several joined by `', '`. */
export function invalidDefinitionMessage(diagnostics: Diagnostic[]): string {
  const parts = diagnostics.map((d) => `${d.code}: ${d.message} at ${d.location}`);
  return parts.length === 1 ? `'${parts[0]}'` : `'${parts.map((p) => `'${p}'`).join(', ')}'`;
}
