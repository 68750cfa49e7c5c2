import { describe, expect, it } from 'vitest';
import { evaluateIntrinsic } from '../../../../local/stepfunctions/asl/intrinsics/index.js';
import {
  IntrinsicSyntaxError,
  isIntrinsic,
  parseIntrinsic,
} from '../../../../local/stepfunctions/asl/intrinsics/parser.js';

describe('intrinsic parser', () => {
  it('parses literals, paths and nested calls', () => {
    expect(parseIntrinsic("States.Format('a{}', $.x, 1, true, null, States.UUID())")).toEqual({
      kind: 'call',
      name: 'States.Format',
      args: [
        { kind: 'literal', value: 'a{}', raw: 'a{}' },
        { kind: 'path', path: '$.x' },
        { kind: 'literal', value: 1, raw: '1' },
        { kind: 'literal', value: true, raw: 'true' },
        { kind: 'literal', value: null, raw: 'null' },
        { kind: 'call', name: 'States.UUID', args: [] },
      ],
    });
  });

  it('keeps commas and parentheses inside path brackets', () => {
    const call = parseIntrinsic("States.Array($.a[?(@.b == 'x,y')], $['c)d'])");
    expect(call.args).toEqual([
      { kind: 'path', path: "$.a[?(@.b == 'x,y')]" },
      { kind: 'path', path: "$['c)d']" },
    ]);
  });

  it('decodes escapes and rejects an open backslash', () => {
    const call = parseIntrinsic("States.Format('it\\'s \\{\\} \\\\')");
    expect(call.args[0]).toEqual({ kind: 'literal', value: "it's {} \\", raw: "it\\'s \\{\\} \\\\" });
    expect(() => parseIntrinsic("States.Format('a\\b')")).toThrow(IntrinsicSyntaxError);
  });

  it('refuses more than 10 levels of nesting', () => {
    const deep = 'States.Array('.repeat(11) + ')'.repeat(11);
    expect(() => parseIntrinsic(deep)).toThrow(/10 deep/);
  });

  it('tells intrinsics from paths', () => {
    expect(isIntrinsic('States.Format(1)')).toBe(true);
    expect(isIntrinsic('$.States')).toBe(false);
  });
});

describe('intrinsic evaluation', () => {
  const run = (expr: string, data: unknown = {}): unknown => evaluateIntrinsic(expr, data as never, {});

  it('formats with escaped braces kept literal', () => {
    expect(run("States.Format('\\{{}\\}', $.v)", { v: 'x' })).toBe('{x}');
    expect(() => run('States.Format($.t, $.v)', { t: '{} and {}', v: 1 })).toThrow(/placeholders/);
  });

  it('rounds non-integer numbers, ranges downwards, partitions', () => {
    expect(run('States.ArrayRange(5, 1, -2)')).toEqual([5, 3, 1]);
    expect(run('States.ArrayRange(0.6, 3.4, 1)')).toEqual([1, 2, 3]);
    expect(run('States.MathAdd(1.4, 1.6)')).toBe(3);
    expect(run('States.ArrayPartition(States.Array(1, 2, 3), 2)')).toEqual([[1, 2], [3]]);
  });

  it('compares structurally in ArrayContains and ArrayUnique', () => {
    expect(run('States.ArrayContains($.a, $.b)', { a: [{ x: 1, y: 2 }], b: { y: 2, x: 1 } })).toBe(true);
    expect(run('States.ArrayUnique($.a)', { a: [{ x: 1 }, { x: 1 }, 'x', 'x'] })).toEqual([{ x: 1 }, 'x']);
  });

  it('hashes and encodes', () => {
    expect(run("States.Hash('abc', 'MD5')")).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(run("States.Base64Decode(States.Base64Encode('héllo'))")).toBe('héllo');
  });
});
