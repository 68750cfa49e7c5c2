import { describe, expect, it } from 'vitest';
import { checkStructure } from '../../../../local/stepfunctions/asl/structure.js';
import { invalidDefinitionMessage } from '../../../../local/stepfunctions/asl/validate.js';

describe('structural checks', () => {
  it('reports dangling transitions, unreachable states and missing terminals with locations', () => {
    const d = checkStructure({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Next: 'B' },
        B: { Type: 'Pass', Next: 'A' },
        C: { Type: 'Pass', Next: 'X' },
      },
    });
    expect(d.map((x) => [x.code, x.location])).toEqual([
      ['MISSING_TRANSITION_TARGET', '/States/C/Next'],
      ['MISSING_END_STATE', '/States'],
      ['MISSING_TRANSITION_TARGET', '/States/C'],
    ]);
  });

  it('checks Choice rules, Catch targets, States.ALL placement and .$ values', () => {
    const d = checkStructure({
      StartAt: 'C',
      States: {
        C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsPresent: true }], Default: 'T' } as never,
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { 'a.$': 'not a path' },
          Retry: [{ ErrorEquals: ['States.ALL', 'X'] }],
          Catch: [{ ErrorEquals: ['X'], Next: 'Nowhere' }],
          End: true,
        },
      },
    });
    const messages = d.map((x) => `${x.location}: ${x.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        '/States/C/Choices/0: A choice rule needs "Next"',
        "/States/T/Catch/0/Next: State 'T' transitions to 'Nowhere', which is not a state of this scope",
        '/States/T/Retry/0/ErrorEquals: States.ALL must appear alone, in the last retrier',
        "/States/T/Parameters/a.$: The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call",
      ]),
    );
  });

  it('requires unique state names across nested scopes', () => {
    const d = checkStructure({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'M', States: { M: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    });
    expect(d).toEqual([
      {
        severity: 'ERROR',
        code: 'DUPLICATE_STATE_NAME',
        message: 'Duplicate State name: M (also at /States/M)',
        location: '/States/M/ItemProcessor/States/M',
      },
    ]);
  });

  it('formats InvalidDefinition messages as AWS does', () => {
    const one = [{ severity: 'ERROR' as const, code: 'X', message: 'm', location: '/States/A' }];
    expect(invalidDefinitionMessage(one)).toBe("'X: m at /States/A'");
    expect(invalidDefinitionMessage([...one, ...one])).toBe("''X: m at /States/A', 'X: m at /States/A''");
  });
});
