import { applyComputed } from './computed';
import { atPointer } from './schema-walk';
import type { FieldError, FormDefinition } from './types';
import { validateSubmissionSync } from './validate-submission';

/**
 * Problems with a form's example data documents, with pointers under `/examples`: at least one is required,
 * each must pass `validateSubmission`, and each must already hold the right computed values (an example is
 * documentation: a wrong NPV in it would teach the wrong number).
 * @example examplesProblems(form) // [{ path: '/examples/0/options/1/npv', message: 'computed value should be 100.96', … }]
 */
export function examplesProblems(form: FormDefinition): FieldError[] {
  const examples: unknown = form.examples;
  if (!Array.isArray(examples) || examples.length === 0) {
    const message = 'at least one complete, valid example is required';
    return [{ path: '/examples', message, keyword: 'examples' }];
  }
  return examples.flatMap((example: unknown, i) => {
    const at = `/examples/${i}`;
    const { errors } = validateSubmissionSync(form, example);
    const problems = errors.map((e) => ({ ...e, path: `${at}${e.path}` }));
    const computed = applyComputed(form.schema, example);
    if (!computed.converged) {
      problems.push({ path: at, message: 'computed fields never settle (circular x-computed?)', keyword: 'computed' });
    }
    for (const path of computed.changed) {
      const right = atPointer(computed.data, path);
      const message = right === undefined ? 'computed value should be absent' : `computed value should be ${JSON.stringify(right)}`;
      problems.push({ path: `${at}${path}`, message, keyword: 'computed' });
    }
    return problems;
  });
}
