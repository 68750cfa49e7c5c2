import { describe, expect, it } from 'vitest';
import { isReferencePath, readPath } from '../../../../local/stepfunctions/asl/paths.js';
import { setResultPath } from '../../../../local/stepfunctions/asl/result-path.js';
import { applyInputPath, applyOutputPath, applyResult } from '../../../../local/stepfunctions/asl/io.js';
import { evaluatePayload } from '../../../../local/stepfunctions/asl/payload.js';
import { StatesError } from '../../../../local/stepfunctions/errors.js';

describe('readPath', () => {
  const data = { a: { b: [10, { c: null }] }, 'x y': 1, list: [{ n: 1 }, { n: 2 }] };

  it('walks reference paths, telling a null value from a missing one', () => {
    expect(readPath('$', data)).toEqual({ found: true, value: data });
    expect(readPath('$.a.b[0]', data)).toEqual({ found: true, value: 10 });
    expect(readPath('$.a.b[1].c', data)).toEqual({ found: true, value: null });
    expect(readPath("$['x y']", data)).toEqual({ found: true, value: 1 });
    expect(readPath('$.a.zz', data).found).toBe(false);
    expect(readPath('$.a.b[9]', data).found).toBe(false);
  });

  it('reads the context object through $$', () => {
    expect(readPath('$$.Execution.Id', {}, { Execution: { Id: 'arn' } })).toEqual({
      found: true,
      value: 'arn',
    });
  });

  it('returns arrays for indefinite paths', () => {
    expect(readPath('$.list[*].n', data)).toEqual({ found: true, value: [1, 2] });
    expect(readPath('$..n', data).value).toEqual([1, 2]);
    expect(readPath('$.list[?(@.n > 1)]', data).value).toEqual([{ n: 2 }]);
    expect(readPath('$.none[*]', data).value).toEqual([]);
  });

  it('knows reference paths from the rest', () => {
    expect(isReferencePath('$.a.b[0]')).toBe(true);
    expect(isReferencePath('$.a[*]')).toBe(false);
    expect(isReferencePath('$..a')).toBe(false);
  });
});

describe('setResultPath', () => {
  it('copies along the path and never mutates the input', () => {
    const input = { a: { keep: 1 }, other: [1] };
    const frozen = JSON.stringify(input);
    const out = setResultPath(input, '$.a.result', 'r');
    expect(out).toEqual({ a: { keep: 1, result: 'r' }, other: [1] });
    expect(JSON.stringify(input)).toBe(frozen);
    expect((out as { other: unknown }).other).toBe(input.other);
  });

  it('discards the result for null and replaces for $ or undefined', () => {
    expect(setResultPath({ a: 1 }, null, 2)).toEqual({ a: 1 });
    expect(setResultPath({ a: 1 }, '$', 2)).toBe(2);
    expect(setResultPath({ a: 1 }, undefined, 2)).toBe(2);
  });

  it('raises States.ResultPathMatchFailure through a non-object', () => {
    expect(() => setResultPath({ a: 'text' }, '$.a.b', 1)).toThrow(StatesError);
  });
});

describe('input/output processing', () => {
  it('InputPath and OutputPath: null gives {}, a missing path is States.Runtime', () => {
    expect(applyInputPath({ Type: 'Pass', InputPath: null }, { a: 1 }, {})).toEqual({});
    expect(applyOutputPath({ Type: 'Pass', OutputPath: '$.a' }, { a: 1 }, {})).toBe(1);
    expect(() => applyInputPath({ Type: 'Pass', InputPath: '$.b' }, { a: 1 }, {})).toThrow(/Invalid path/);
  });

  it('applies ResultSelector, then ResultPath onto the raw input, then OutputPath', () => {
    const state = {
      Type: 'Task' as const,
      ResultSelector: { 'v.$': '$.x' },
      ResultPath: '$.r',
      OutputPath: '$.r',
    };
    expect(applyResult(state, { in: 1 }, { x: 5 }, {})).toEqual({ v: 5 });
  });

  it('evaluates nested payload templates with arrays', () => {
    expect(evaluatePayload({ a: [{ 'b.$': '$.v' }, 2], 'c.$': 'States.Array($.v)' }, { v: 1 }, {})).toEqual({
      a: [{ b: 1 }, 2],
      c: [1],
    });
  });
});
