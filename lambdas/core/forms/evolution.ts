import { cloneJson, hasOwn, isPlainObject } from './json';
import { FORBIDDEN_KEYS, parsePointer } from './pointer';
import type { FieldError, FormDefinition } from './types';
import { validateSubmissionSync } from './validate-submission';

/**
 * How drafts written for an older form version move to a newer one. Paths are JSON pointers; a `*` segment
 * stands for every row of an array (`/options`, `*`, `reason` reaches every option's reason), and in a
 * rename the `to` path's `*`s take the rows matched by the `from` path's, in order. Applied in the order rename → drop → defaults. Only
 * object fields move or disappear: array rows are never renumbered. Submissions are never migrated.
 */
export interface Migration {
  /** Moves a value; an existing value at `to` is replaced, a missing `from` is a no-op. */
  rename?: { from: string; to: string }[];
  /** Fills a field that is absent, creating missing parent objects (not rows). */
  defaults?: { path: string; value: unknown }[];
  /** Removes a field. */
  drop?: string[];
}

type Segments = string[];
type Match = { path: Segments; rows: string[] };

/**
 * Problems in a migration (pointer syntax, root paths, prototype keys, `*` counts), with pointers into it.
 * @example migrationProblems({ drop: ['oops'] }) // [{ path: '/drop/0', message: 'not a JSON pointer: oops', … }]
 */
export function migrationProblems(migration: Migration): FieldError[] {
  const problems: FieldError[] = [];
  const check = (pointer: unknown, at: string): Segments | undefined => {
    const parsed = parse(pointer);
    if (typeof parsed === 'string') problems.push({ path: at, message: parsed, keyword: 'migration' });
    return typeof parsed === 'string' ? undefined : parsed;
  };
  (migration.rename ?? []).forEach(({ from, to }, i) => {
    const [a, b] = [check(from, `/rename/${i}/from`), check(to, `/rename/${i}/to`)];
    if (a !== undefined && b !== undefined && stars(a) !== stars(b)) {
      const message = 'from and to need the same number of * segments';
      problems.push({ path: `/rename/${i}/to`, message, keyword: 'migration' });
    }
  });
  (migration.defaults ?? []).forEach(({ path }, i) => check(path, `/defaults/${i}/path`));
  (migration.drop ?? []).forEach((path, i) => check(path, `/drop/${i}`));
  return problems;
}

/**
 * Applies a migration to a draft's data and returns new data (the input is not modified). Throws a
 * TypeError for a migration that `migrationProblems` would refuse.
 * @example applyMigration({ reasn: 'x' }, { rename: [{ from: '/reasn', to: '/reason' }] }) // { reason: 'x' }
 */
export function applyMigration(data: unknown, migration: Migration): unknown {
  const problems = migrationProblems(migration);
  if (problems.length > 0) throw new TypeError(`invalid migration at ${problems[0]?.path}: ${problems[0]?.message}`);
  const copy = cloneJson(data);
  for (const { from, to } of migration.rename ?? []) {
    const target = segments(to);
    for (const match of expand(copy, segments(from), false)) {
      const value = take(copy, match.path);
      if (value !== undefined) put(copy, fill(target, match.rows), value, true);
    }
  }
  for (const path of migration.drop ?? []) {
    for (const match of expand(copy, segments(path), false)) take(copy, match.path);
  }
  for (const { path, value } of migration.defaults ?? []) {
    for (const match of expand(copy, segments(path), true)) put(copy, match.path, cloneJson(value), false);
  }
  return copy;
}

/**
 * Which drafts would fail the new form version (after the migration, when given), with their errors;
 * drafts that pass are left out. A draft fails for any reason, including being unfinished.
 * @example await checkDrafts(formV2, [{ id: 't1', data }]) // [{ id: 't1', errors: [{ path: '/newField', message: 'required' }] }]
 */
export async function checkDrafts(
  newForm: FormDefinition,
  drafts: readonly { id: string; data: unknown }[],
  migration?: Migration,
): Promise<{ id: string; errors: FieldError[] }[]> {
  const report = drafts.flatMap(({ id, data }) => {
    const migrated = migration === undefined ? data : applyMigration(data, migration);
    const { errors } = validateSubmissionSync(newForm, migrated);
    return errors.length > 0 ? [{ id, errors }] : [];
  });
  return Promise.resolve(report);
}

function parse(pointer: unknown): Segments | string {
  if (typeof pointer !== 'string') return 'must be a JSON pointer';
  let parsed: Segments;
  try {
    parsed = parsePointer(pointer);
  } catch (error) {
    return (error as Error).message;
  }
  if (parsed.length === 0) return 'the whole document cannot be migrated';
  if (parsed.some((s) => FORBIDDEN_KEYS.has(s))) return 'forbidden key in path';
  return parsed;
}

function segments(pointer: string): Segments {
  return parsePointer(pointer);
}

function stars(path: Segments): number {
  return path.filter((s) => s === '*').length;
}

function fill(path: Segments, rows: string[]): Segments {
  let next = 0;
  return path.map((s) => (s === '*' ? (rows[next++] ?? s) : s));
}

/**
 * Concrete paths for `path` in `data`: `*` branches over array rows; with `create`, missing objects on the
 * way are created (never rows), so defaults can reach into sections a draft has not opened yet.
 */
function expand(data: unknown, path: Segments, create: boolean): Match[] {
  let frontier: { node: unknown; match: Match }[] = [{ node: data, match: { path: [], rows: [] } }];
  path.forEach((segment, depth) => {
    const rest = path.slice(depth + 1);
    // Create parents only where the rest of the path is sure to land: never above a `*`, never the field.
    const createHere = create && rest.length > 0 && !rest.includes('*');
    frontier = frontier.flatMap(({ node, match }) => step(node, segment, match, createHere));
  });
  return frontier.map((f) => f.match);
}

function step(node: unknown, segment: string, match: Match, create: boolean): { node: unknown; match: Match }[] {
  if (segment === '*') {
    if (!Array.isArray(node)) return [];
    return node.map((row, i) => ({
      node: row,
      match: { path: [...match.path, String(i)], rows: [...match.rows, String(i)] },
    }));
  }
  const next = { path: [...match.path, segment], rows: match.rows };
  if (Array.isArray(node)) return /^\d+$/.test(segment) && Number(segment) < node.length ? [{ node: node[Number(segment)], match: next }] : [];
  if (!isPlainObject(node)) return [];
  if (create && !hasOwn(node, segment)) node[segment] = {};
  return [{ node: hasOwn(node, segment) ? node[segment] : undefined, match: next }];
}

/** Removes an object field and returns its value (undefined when absent or inside an array row slot). */
function take(data: unknown, path: Segments): unknown {
  const parent = walk(data, path.slice(0, -1), false);
  const key = path[path.length - 1] ?? '';
  if (!isPlainObject(parent) || !hasOwn(parent, key)) return undefined;
  const value = parent[key];
  delete parent[key];
  return value;
}

/** Writes an object field, creating parent objects; `replace: false` keeps an existing value. */
function put(data: unknown, path: Segments, value: unknown, replace: boolean): void {
  const parent = walk(data, path.slice(0, -1), true);
  const key = path[path.length - 1] ?? '';
  if (!isPlainObject(parent)) return;
  if (replace || !hasOwn(parent, key)) parent[key] = value;
}

function walk(data: unknown, path: Segments, create: boolean): unknown {
  let node = data;
  for (const segment of path) {
    if (Array.isArray(node)) node = /^\d+$/.test(segment) ? node[Number(segment)] : undefined;
    else if (isPlainObject(node)) {
      if (create && !hasOwn(node, segment)) node[segment] = {};
      node = hasOwn(node, segment) ? node[segment] : undefined;
    } else return undefined;
  }
  return node;
}
