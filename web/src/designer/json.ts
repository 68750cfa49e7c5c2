/**
 * JSON text helpers for the designers: parse with a located error (line and column), pretty-print, and a
 * line diff (Myers' O(ND) algorithm) for comparing a published version with the draft.
 */
export type Parsed<T = unknown> =
  { ok: true; value: T } | { ok: false; message: string; line: number; column: number };

export function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return { line, column: position - before.lastIndexOf('\n') };
}

/** JSON.parse with the error's line and column (from V8's "at position N" or "(line L column C)"). */
export function parseJson<T = unknown>(text: string): Parsed<T> {
  try {
    return { ok: true, value: JSON.parse(text) as T };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const lc = /line (\d+) column (\d+)/.exec(message);
    if (lc) return { ok: false, message, line: Number(lc[1]), column: Number(lc[2]) };
    const pos = /position (\d+)/.exec(message);
    const at = lineColumn(text, pos ? Number(pos[1]) : text.length);
    return { ok: false, message, ...at };
  }
}

export const pretty = (value: unknown) => JSON.stringify(value, null, 2);

export type DiffLine = { kind: 'same' | 'add' | 'del'; text: string; a?: number; b?: number };

/** Line diff of `a` → `b`: deletions from a, additions in b, unchanged lines between. */
export function diffLines(a: string, b: string): DiffLine[] {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[max + k - 1]! < v[max + k + 1]!);
      let i = down ? v[max + k + 1]! : v[max + k - 1]! + 1;
      let j = i - k;
      while (i < n && j < m && x[i] === y[j]) {
        i++;
        j++;
      }
      v[max + k] = i;
      if (i >= n && j >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace back from (n, m).
  const out: DiffLine[] = [];
  let i = n;
  let j = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!;
    const k = i - j;
    const down = k === -d || (k !== d && vd[max + k - 1]! < vd[max + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevI = vd[max + prevK]!;
    const prevJ = prevI - prevK;
    while (i > prevI && j > prevJ) {
      out.push({ kind: 'same', text: x[i - 1]!, a: i, b: j });
      i--;
      j--;
    }
    if (d > 0) {
      if (down) out.push({ kind: 'add', text: y[j - 1]!, b: j });
      else out.push({ kind: 'del', text: x[i - 1]!, a: i });
      i = prevI;
      j = prevJ;
    }
  }
  return out.reverse();
}
