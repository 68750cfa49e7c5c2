/**
 * The economic appraisal of each option (方案经济评估) with the formulas of lambdas/core/forms/finance.ts (DOMAIN §2):
 * F stated, or F = (P − I/Y)(1 − tax) + I/Y; then NPV, NPVR, IRR and the payback N = I/F over the option's life at its
 * discount rate, each defaulting to the `performance-policy` table's appraisal values.
 */
import { annualCashFlow, irr, npv, npvr, payback } from '../forms/finance';
import type { PerformancePolicy } from '../reference/tables/performance';
import type { OptionAppraisal, OptionInputData } from './model';

/**
 * @example appraise({ id: 'o1', cost: 'mid-high', investment: 150, cashFlow: 32.5, annualBenefit: 0, implemented: false }, policy)
 * // { npv: 100.956…, irr: 17.257…, payback: 4.615…, … } (10 years at 5 %: DOMAIN §2 worked example 1)
 */
export function appraise(option: OptionInputData, policy: PerformancePolicy): OptionAppraisal {
  const a = policy.appraisal;
  const lifeYears = option.lifeYears ?? a.lifeYears.value;
  const discountRate = option.discountRate ?? a.discountRate.value;
  const cashFlow =
    option.cashFlow ??
    annualCashFlow(
      option.investment,
      option.annualBenefit,
      option.depreciationYears ?? a.depreciationYears.value,
      option.taxRate ?? a.taxRate.value,
    );
  return {
    id: option.id,
    cost: option.cost,
    implemented: option.implemented,
    investment: option.investment,
    annualBenefit: option.annualBenefit,
    cashFlow,
    lifeYears,
    discountRate,
    npv: npv(option.investment, cashFlow, lifeYears, discountRate),
    npvr: npvr(option.investment, cashFlow, lifeYears, discountRate),
    irr: irr(option.investment, cashFlow, lifeYears),
    payback: payback(option.investment, cashFlow),
  };
}
