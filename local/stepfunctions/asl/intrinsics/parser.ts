/**
 * Parser of intrinsic function calls, e.g. `States.Format('{} {}', $.a, States.UUID())`.
 *
 * Arguments are string literals in single quotes (escapes `\'`, `\{`, `\}`, `\\`), numbers, `true`/`false`/`null`,
 * paths (`$…`, `$$…`) and nested calls (up to 10 deep). Spec:
 * https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
 */
export type Arg =
  | { kind: 'literal'; value: string | number | boolean | null; raw?: string }
  | { kind: 'path'; path: string }
  | { kind: 'call'; name: string; args: Arg[] };

export class IntrinsicSyntaxError extends Error {}

const cache = new Map<string, Arg>();

/** True when a `.$` value is an intrinsic call rather than a path. */
export function isIntrinsic(text: string): boolean {
  return /^States\.[A-Za-z0-9]+\s*\(/.test(text.trimStart());
}

/** Parses (and caches) a call; throws IntrinsicSyntaxError on malformed text. */
export function parseIntrinsic(text: string): Arg & { kind: 'call' } {
  const hit = cache.get(text);
  if (hit) return hit as Arg & { kind: 'call' };
  const p = new Parser(text);
  const call = p.call(0);
  p.skipSpace();
  if (!p.done()) throw new IntrinsicSyntaxError(`unexpected '${text.slice(p.pos)}' after the call`);
  if (cache.size > 5000) cache.clear();
  cache.set(text, call);
  return call;
}

class Parser {
  pos = 0;
  constructor(private readonly s: string) {}

  done(): boolean {
    return this.pos >= this.s.length;
  }

  skipSpace(): void {
    while (this.pos < this.s.length && /\s/.test(this.s[this.pos] as string)) this.pos++;
  }

  call(depth: number): Arg & { kind: 'call' } {
    if (depth >= 10) throw new IntrinsicSyntaxError('intrinsic functions nest at most 10 deep');
    this.skipSpace();
    const m = /^States\.[A-Za-z0-9]+/.exec(this.s.slice(this.pos));
    if (!m) throw new IntrinsicSyntaxError(`expected a States.* function at position ${this.pos}`);
    this.pos += m[0].length;
    this.skipSpace();
    if (this.s[this.pos] !== '(') throw new IntrinsicSyntaxError(`expected '(' after ${m[0]}`);
    this.pos++;
    const args: Arg[] = [];
    this.skipSpace();
    if (this.s[this.pos] === ')') {
      this.pos++;
      return { kind: 'call', name: m[0], args };
    }
    for (;;) {
      args.push(this.arg(depth));
      this.skipSpace();
      const ch = this.s[this.pos];
      this.pos++;
      if (ch === ')') return { kind: 'call', name: m[0], args };
      if (ch !== ',') throw new IntrinsicSyntaxError(`expected ',' or ')' in the arguments of ${m[0]}`);
    }
  }

  arg(depth: number): Arg {
    this.skipSpace();
    const ch = this.s[this.pos];
    if (ch === "'") return this.string();
    if (ch === '$') return { kind: 'path', path: this.path() };
    if (this.s.startsWith('States.', this.pos)) return this.call(depth + 1);
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.s.slice(this.pos));
    if (!m)
      throw new IntrinsicSyntaxError(`unexpected argument at '${this.s.slice(this.pos, this.pos + 20)}'`);
    this.pos += m[0].length;
    const raw = m[0];
    const value = raw === 'true' ? true : raw === 'false' ? false : raw === 'null' ? null : Number(raw);
    return { kind: 'literal', value, raw };
  }

  string(): Arg {
    let out = '';
    let raw = '';
    this.pos++;
    while (this.pos < this.s.length) {
      const ch = this.s[this.pos] as string;
      if (ch === '\\') {
        const next = this.s[this.pos + 1];
        if (next === undefined || !"'{}\\".includes(next)) {
          throw new IntrinsicSyntaxError('an open escape backslash is not allowed in an intrinsic string');
        }
        out += next;
        raw += ch + next;
        this.pos += 2;
        continue;
      }
      if (ch === "'") {
        this.pos++;
        return { kind: 'literal', value: out, raw };
      }
      out += ch;
      raw += ch;
      this.pos++;
    }
    throw new IntrinsicSyntaxError('unterminated string literal');
  }

  /** A path runs to the next ',' or ')' outside brackets and quotes. */
  path(): string {
    const start = this.pos;
    let depth = 0;
    let quote: string | null = null;
    while (this.pos < this.s.length) {
      const ch = this.s[this.pos] as string;
      if (quote) {
        if (ch === quote) quote = null;
      } else if (ch === "'" || ch === '"') quote = ch;
      else if (ch === '[' || ch === '(') depth++;
      else if (ch === ']' || ch === ')') {
        if (depth === 0) break;
        depth--;
      } else if (ch === ',' && depth === 0) break;
      this.pos++;
    }
    return this.s.slice(start, this.pos).trim();
  }
}
