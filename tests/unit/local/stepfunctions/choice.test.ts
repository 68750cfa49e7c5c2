import { describe, expect, it } from 'vitest';
import { evaluateRule, matchesWildcard } from '../../../../local/stepfunctions/asl/choice.js';
import { compareInstants, parseTimestamp } from '../../../../local/stepfunctions/asl/timestamp.js';

describe('StringMatches wildcards', () => {
  it.each([
    ['log-*.txt', 'log-1.txt', true],
    ['*', '', true],
    ['a*b*c', 'aXXbYc', true],
    ['a\\*', 'a*', true],
    ['a\\*', 'ab', false],
    ['a\\\\b', 'a\\b', true],
    ['x.y', 'xzy', false],
  ])('%s ~ %s → %s', (pattern, value, expected) => {
    expect(matchesWildcard(value, pattern)).toBe(expected);
  });
});

describe('timestamps', () => {
  it('requires uppercase T and Z and valid ranges', () => {
    expect(parseTimestamp('2016-03-14T01:59:00Z')).not.toBeNull();
    expect(parseTimestamp('2016-03-14t01:59:00Z')).toBeNull();
    expect(parseTimestamp('2016-03-14T01:59:00z')).toBeNull();
    expect(parseTimestamp('2016-02-30T01:59:00Z')).toBeNull();
    expect(parseTimestamp('2016-03-14T01:59:00')).toBeNull();
  });

  it('compares across offsets and below the millisecond', () => {
    const a = parseTimestamp('2016-03-14T01:59:00.0000001Z');
    const b = parseTimestamp('2016-03-14T02:59:00+01:00');
    expect(compareInstants(a as never, b as never)).toBeGreaterThan(0);
  });
});

describe('evaluateRule', () => {
  it('is false on a type mismatch and throws on a missing variable', () => {
    expect(evaluateRule({ Variable: '$.v', NumericEquals: 1 }, { v: '1' }, {})).toBe(false);
    expect(() => evaluateRule({ Variable: '$.nope', NumericEquals: 1 }, {}, {})).toThrow(
      /condition path references an invalid value/,
    );
    expect(evaluateRule({ Variable: '$.nope', IsPresent: false }, {}, {})).toBe(true);
  });
});
