/**
 * The designer's field list: every property of a form schema with its JSON Forms i18n key, type, and the
 * cpflow keywords it carries, plus whether the UI schema shows it.
 */
export interface FieldRow {
  /** `/enterprise/creditCode`; array rows as `/options/*` + `/name`. */
  pointer: string;
  /** JSON Forms' i18n key prefix (`enterprise.creditCode`). */
  key: string;
  depth: number;
  type: string;
  required: boolean;
  badges: string[];
  shown: boolean;
}

type Schema = Record<string, unknown> & {
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
};

function scopesOf(ui: unknown, into = new Set<string>()): Set<string> {
  if (!ui || typeof ui !== 'object') return into;
  const el = ui as { scope?: unknown; elements?: unknown[]; options?: { detail?: unknown } };
  if (typeof el.scope === 'string') into.add(el.scope);
  for (const child of el.elements ?? []) scopesOf(child, into);
  if (el.options?.detail) scopesOf(el.options.detail, into);
  return into;
}

const BADGES = ['format', 'x-widget', 'x-unit', 'pattern'];

export function fieldRows(schema: unknown, uischema: unknown): FieldRow[] {
  const scopes = [...scopesOf(uischema)];
  const rows: FieldRow[] = [];
  const walk = (node: Schema, pointer: string, key: string, scope: string, depth: number) => {
    const required = new Set(node.required ?? []);
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const p = `${pointer}/${name}`;
      const k = key ? `${key}.${name}` : name;
      const s = `${scope}/properties/${name}`;
      const badges = BADGES.filter((b) => typeof child[b] === 'string').map(
        (b) => `${b}: ${String(child[b])}`,
      );
      if (child['x-computed'] !== undefined) badges.push('x-computed');
      if (child['x-requiredIf'] !== undefined) badges.push('x-requiredIf');
      if (Array.isArray(child.enum)) badges.push(`enum(${child.enum.length})`);
      const type = Array.isArray(child.type)
        ? child.type.join('|')
        : String(child.type ?? (child.$ref ? '$ref' : '?'));
      // A field is shown when a control's scope is it, or an ancestor control renders it (objects, array rows).
      const shown = scopes.some((sc) => s === sc || s.startsWith(sc + '/') || sc.startsWith(s + '/'));
      rows.push({ pointer: p, key: k, depth, type, required: required.has(name), badges, shown });
      if (child.properties) walk(child, p, k, s, depth + 1);
      if (child.items && typeof child.items === 'object' && (child.items as Schema).properties) {
        walk(child.items, `${p}/*`, k, `${s}/items`, depth + 1);
      }
    }
  };
  if (schema && typeof schema === 'object') walk(schema as Schema, '', '', '#', 0);
  return rows;
}
