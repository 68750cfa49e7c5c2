/**
 * Pure builders for the expressions DynamoDB wants, so entity modules never hand-write `#a = :a` strings.
 * Attribute names are always aliased (#n0 …), values always placeholders (:v0 …): no reserved-word surprises.
 */
import type { Key, Names, UpdateRequest, Values } from './port';

class Aliases {
  readonly names: Names = {};
  readonly values: Values = {};
  private n = 0;
  private v = 0;
  name(attr: string): string {
    const alias = `#n${this.n++}`;
    this.names[alias] = attr;
    return alias;
  }
  value(val: unknown): string {
    const alias = `:v${this.v++}`;
    this.values[alias] = val;
    return alias;
  }
}

export interface UpdateSpec {
  /** Attributes to set; `undefined` values are skipped (use `remove` to delete). */
  set?: Record<string, unknown>;
  remove?: string[];
  /** Numeric increments. */
  add?: Record<string, number>;
  /**
   * Optimistic concurrency: the item's `version` must equal this; it becomes this + 1.
   * `'new'` instead requires that the item does not exist yet and sets version 1.
   */
  expectVersion?: number;
  /** Equality conditions, all of which must hold (e.g. `{ status: 'open' }`). */
  where?: Record<string, unknown>;
  /** The item must already exist. */
  mustExist?: boolean;
  returnValues?: 'ALL_NEW' | 'NONE';
}

/** Builds an UpdateItem request from a plain description. */
export function buildUpdate(key: Key, spec: UpdateSpec): UpdateRequest {
  const a = new Aliases();
  const sets: string[] = [];
  for (const [attr, val] of Object.entries(spec.set ?? {})) {
    if (val !== undefined) sets.push(`${a.name(attr)} = ${a.value(val)}`);
  }
  const conditions: string[] = [];
  if (spec.expectVersion !== undefined) {
    const version = a.name('version');
    sets.push(`${version} = ${a.value(spec.expectVersion + 1)}`);
    conditions.push(`${version} = ${a.value(spec.expectVersion)}`);
  }
  for (const [attr, val] of Object.entries(spec.where ?? {})) {
    conditions.push(`${a.name(attr)} = ${a.value(val)}`);
  }
  if (spec.mustExist) conditions.push(`attribute_exists(${a.name('PK')})`);
  const parts: string[] = [];
  if (sets.length) parts.push(`SET ${sets.join(', ')}`);
  const adds = Object.entries(spec.add ?? {}).map(([attr, n]) => `${a.name(attr)} ${a.value(n)}`);
  if (adds.length) parts.push(`ADD ${adds.join(', ')}`);
  const removes = (spec.remove ?? []).map((attr) => a.name(attr));
  if (removes.length) parts.push(`REMOVE ${removes.join(', ')}`);
  if (!parts.length) throw new Error('buildUpdate: nothing to update');
  return {
    Key: key,
    UpdateExpression: parts.join(' '),
    ...(conditions.length ? { ConditionExpression: conditions.join(' AND ') } : {}),
    ExpressionAttributeNames: a.names,
    ...(Object.keys(a.values).length ? { ExpressionAttributeValues: a.values } : {}),
    ReturnValues: spec.returnValues ?? 'ALL_NEW',
  };
}

/** The condition for a put that must not overwrite anything. */
export const IF_NEW = { ConditionExpression: 'attribute_not_exists(PK)' } as const;

/**
 * A projection of top-level attributes, every name aliased.
 * @example projection(['PK', 'members']) // { ProjectionExpression: '#n0, #n1', ExpressionAttributeNames: { '#n0': 'PK', '#n1': 'members' } }
 */
export function projection(attributes: readonly string[]): {
  ProjectionExpression: string;
  ExpressionAttributeNames: Names;
} {
  const a = new Aliases();
  return {
    ProjectionExpression: attributes.map((attr) => a.name(attr)).join(', '),
    ExpressionAttributeNames: a.names,
  };
}
