/**
 * The rule layer JSON Forms lacks (its issue #1390): computed fields (`x-computed`), conditional required
 * fields (`x-requiredIf`), both JSON Logic evaluated in the object that holds the field with `$root` for
 * the whole document, and visibility from the uischema's own rules. The same modules run in the browser and
 * on the server, so what the user sees is what the server enforces.
 */
export {
  annualCashFlow,
  deviationPct,
  irr,
  irrInterpolated,
  npv,
  npvr,
  payback,
  round,
  sum,
} from './finance';
export { KNOWN_OPERATIONS, ROOT_KEY, contextFor, evaluate, logicProblems } from './logic';
export { applyComputed } from './computed';
export type { ComputedResult } from './computed';
export { requiredIfErrors } from './required-if';
export { hiddenPaths } from './visibility';
