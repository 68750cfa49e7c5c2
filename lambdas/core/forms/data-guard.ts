import { FORBIDDEN_KEYS, childPointer } from './pointer';
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
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: data, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() ?? { value: undefined, path: '', depth: 0 };
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_DEPTH) {
      problems.push({ path, message: 'nested too deeply', keyword: 'maxDepth' });
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      const at = childPointer(path, key);
      if (FORBIDDEN_KEYS.has(key)) problems.push({ path: at, message: 'forbidden key', keyword: 'forbiddenKey' });
      else stack.push({ value: child, path: at, depth: depth + 1 });
    }
  }
  return problems;
}
