import { validateDefinition } from '../../asl/validate.js';
import type { Action } from '../context.js';
import { requireString } from '../input.js';

/**
 * ValidateStateMachineDefinition: `{ result: OK|FAIL, diagnostics, truncated }`; errors are data here, never
 * exceptions. https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html
 */
export const validateStateMachineDefinition: Action = async (_ctx, input) => {
  const definition = requireString(input, 'definition');
  const max = typeof input.maxResults === 'number' && input.maxResults > 0 ? input.maxResults : 100;
  const { diagnostics } = await validateDefinition(definition);
  return {
    result: diagnostics.length === 0 ? 'OK' : 'FAIL',
    diagnostics: diagnostics.slice(0, max),
    truncated: diagnostics.length > max,
  };
};
