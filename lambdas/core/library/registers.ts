/**
 * Reading the audit forms' options registers: a submission's `options` list (the options registers of the full and
 * quick audits) or its `summary.options` (the report), each row by option id, later submissions overriding earlier
 * ones; a row without its own `factor` takes it from the problem it answers (`problemIds` → `summary.problems`).
 */
export type Row = Record<string, unknown>;

const isRow = (v: unknown): v is Row => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * @example optionRows([{ summary: { problems: [{ id: 'P02', factor: 'process' }], options: [{ id: 'F06', name: '三级逆流漂洗', problemIds: ['P02'] }] } }])
 * // Map { 'F06' => { id: 'F06', name: '三级逆流漂洗', problemIds: ['P02'], factor: 'process' } }
 */
export function optionRows(submissions: readonly unknown[]): Map<string, Row> {
  const rows = new Map<string, Row>();
  for (const data of submissions) {
    if (!isRow(data)) continue;
    const summary = isRow(data.summary) ? data.summary : {};
    const problems = Array.isArray(summary.problems) ? summary.problems.filter(isRow) : [];
    for (const list of [data.options, summary.options]) {
      if (!Array.isArray(list)) continue;
      for (const row of list.filter(isRow)) {
        if (typeof row.id !== 'string') continue;
        const first = Array.isArray(row.problemIds) ? row.problemIds[0] : row.problemId;
        const factor = row.factor ?? problems.find((p) => p.id === first)?.factor;
        rows.set(row.id, { ...rows.get(row.id), ...row, ...(typeof factor === 'string' ? { factor } : {}) });
      }
    }
  }
  return rows;
}

/** Each implementation register row (`implemented: [{ optionId, … }]`) by option id. */
export function implementationRows(submissions: readonly unknown[]): Map<string, Row> {
  const rows = new Map<string, Row>();
  for (const data of submissions) {
    const list = isRow(data) ? data.implemented : undefined;
    if (!Array.isArray(list)) continue;
    for (const row of list.filter(isRow)) if (typeof row.optionId === 'string') rows.set(row.optionId, row);
  }
  return rows;
}
