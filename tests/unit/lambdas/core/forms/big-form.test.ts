import { describe, expect, it } from 'vitest';
import { validateFormDefinition, validateSubmission } from '../../../../../lambdas/core/forms';
import { bigForm, countFields } from './big-form';

// The throughput figure itself is measured outside the test suite (timings are not assertions); these tests
// keep the benchmark's form honest: 300 fields, publishable, and its example accepted.
describe('the 300-field benchmark form', () => {
  const form = bigForm();
  const example = form.examples![0];

  it('holds 300 fields and passes every publish check', () => {
    expect(countFields(example)).toBe(300);
    expect(validateFormDefinition(form)).toEqual([]);
  });

  it('accepts its example and refuses a broken copy at the right fields', async () => {
    expect((await validateSubmission(form, example)).errors).toEqual([]);
    const broken = JSON.parse(JSON.stringify(example)) as Record<string, any>;
    broken.section0.f5 = '51000';
    delete broken.section7.f0;
    broken.hasExtra = false; // hides section7: its missing field is no longer required
    broken.checklist[0].reason = '';
    const { errors } = await validateSubmission(form, broken);
    expect(errors.map((e) => e.path).sort()).toEqual(['/checklist/0/reason', '/section0/f5']);
  });
});
