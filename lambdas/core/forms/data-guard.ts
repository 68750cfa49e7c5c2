import { FORBIDDEN_KEYS, toPointer } from './pointer';
import type { FieldError } from './types';

/**
 * Nesting allowed in submitted data. Forms nest a handful of levels (section → table → row → file); the
 * limit keeps a hostile body from exhausting the stack of any recursive code further down.
 */
export const MAX_DEPTH = 64;

/**
 * Problems that make data unsafe to process at all: prototype-pollution keys (`__proto__`, `constructor`,
 * `prototype`) anywhere, and nesting deeper than MAX_DEPTH. Iterative, so the check itself cannot overflow.
 * @example unsafeData(JSON.parse('{"a":{"__proto__":{"x":1}}}')) // [{ path: '/a/__proto__', message: 'forbidden key', keyword: 'forbiddenKey' }]
 */
export function unsafeData(data: unknown): FieldError[] {
  const problems: FieldError[] = [];
  // Pointers are built only for a problem: walking a clean 300-field document should cost next to nothing.
  const stack: Visit[] = [{ value: data, key: '', up: undefined, depth: 0 }];
  for (let visit = stack.pop(); visit !== undefined; visit = stack.pop()) {
    const { value, depth } = visit;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_DEPTH) {
      problems.push({ path: pointerOf(visit), message: 'nested too deeply', keyword: 'maxDepth' });
      continue;
    }
    for (const key of Object.keys(value)) {
      const child: Visit = { value: (value as Record<string, unknown>)[key], key, up: visit, depth: depth + 1 };
      if (FORBIDDEN_KEYS.has(key)) problems.push({ path: pointerOf(child), message: 'forbidden key', keyword: 'forbiddenKey' });
      else stack.push(child);
    }
  }
  return problems;
}

interface Visit {
  value: unknown;
  key: string;
  up: Visit | undefined;
  depth: number;
}

function pointerOf(visit: Visit): string {
  const keys: string[] = [];
  for (let v: Visit | undefined = visit; v?.up !== undefined; v = v.up) keys.unshift(v.key);
  return toPointer(keys);
}
