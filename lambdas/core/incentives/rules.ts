/** Reading the reward rules (the latest published `reward-rules`), and quoting them for a certificate. */
import type { Certificate } from '../certificates/model';
import { chinaDate } from '../certificates/model';
import type { Ports } from '../ports';
import { getTable } from '../reference/store';
import type { Computation } from './compute';
import { computeReward } from './compute';
import { NotEligibleError } from './errors';
import type { RewardRule } from './rules-table';

export async function rewardRules(ports: Pick<Ports, 'db'>): Promise<{ rules: RewardRule[]; label: string }> {
  const table = await getTable(ports, 'reward-rules');
  return { rules: table.content.rules, label: table.label };
}

export async function ruleById(ports: Pick<Ports, 'db'>, ruleId: string) {
  const { rules, label } = await rewardRules(ports);
  const rule = rules.find((r) => r.id === ruleId);
  if (!rule)
    throw new NotEligibleError(`no reward rule ${ruleId}`, [{ path: '/ruleId', message: 'unknown rule' }]);
  return { rule, label };
}

/**
 * What each rule (or the one named) would pay for a certificate today.
 * @example await quote(ports, certificate, { auditFee: 120000 }) // [{ ruleId: 'audit-completion', amount: 10000, … }, …]
 */
export async function quote(
  ports: Pick<Ports, 'db' | 'clock'>,
  c: Certificate,
  input: { ruleId?: string; auditFee?: number },
): Promise<(Computation & { title: RewardRule['title']; ruleLabel: string })[]> {
  const { rules, label } = await rewardRules(ports);
  const today = chinaDate(ports.clock.now());
  return rules
    .filter((r) => !input.ruleId || r.id === input.ruleId)
    .map((r) => ({ ...computeReward(r, c, input, today), title: r.title, ruleLabel: label }));
}
