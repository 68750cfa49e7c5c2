/**
 * The reference tables the domain Lambdas read, each with its schema and its starter content (the file under
 * reference/, bundled so a table that was never loaded into the store still has a value, recorded as version 0).
 */
import type { z } from 'zod';
import certificatePolicy from '../../../reference/certificate-policy.json';
import coherencePolicy from '../../../reference/coherence-policy.json';
import energyCoefficients from '../../../reference/energy-coefficients.json';
import gridEmissionFactors from '../../../reference/grid-emission-factors.json';
import industrySectors from '../../../reference/industry-sectors.json';
import panelRules from '../../../reference/panel-rules.json';
import performancePolicy from '../../../reference/performance-policy.json';
import referralPolicy from '../../../reference/referral-policy.json';
import reminderPolicy from '../../../reference/reminder-policy.json';
import rewardRules from '../../../reference/reward-rules.json';
import routingRules from '../../../reference/routing-rules.json';
import scoreSheets from '../../../reference/score-sheets.json';
import { issuesToDetails } from './errors';
import { CertificatePolicyTable } from './tables/certificates';
import { CoherencePolicyTable } from './tables/coherence';
import { PanelRulesTable, ScoreSheetsTable } from './tables/experts';
import {
  EnergyCoefficientsTable,
  GridEmissionFactorsTable,
  PerformancePolicyTable,
} from './tables/performance';
import { IndustrySectorsTable, RoutingRulesTable } from './tables/routing';
// Issue 6's tables: their schemas live with the contexts that read them.
import { RewardRulesTable } from '../incentives/rules-table';
import { ReferralPolicyTable } from '../referrals/policy-table';
import { ReminderPolicyTable } from '../reminders/policy-table';

export const TABLES = {
  'routing-rules': { schema: RoutingRulesTable, starter: routingRules },
  'industry-sectors': { schema: IndustrySectorsTable, starter: industrySectors },
  'energy-coefficients': { schema: EnergyCoefficientsTable, starter: energyCoefficients },
  'grid-emission-factors': { schema: GridEmissionFactorsTable, starter: gridEmissionFactors },
  'performance-policy': { schema: PerformancePolicyTable, starter: performancePolicy },
  'coherence-policy': { schema: CoherencePolicyTable, starter: coherencePolicy },
  'panel-rules': { schema: PanelRulesTable, starter: panelRules },
  'score-sheets': { schema: ScoreSheetsTable, starter: scoreSheets },
  'certificate-policy': { schema: CertificatePolicyTable, starter: certificatePolicy },
  'reward-rules': { schema: RewardRulesTable, starter: rewardRules },
  'reminder-policy': { schema: ReminderPolicyTable, starter: reminderPolicy },
  'referral-policy': { schema: ReferralPolicyTable, starter: referralPolicy },
} as const;

export type TableId = keyof typeof TABLES;
export type TableContent<K extends TableId> = z.infer<(typeof TABLES)[K]['schema']>;
export const TABLE_IDS = Object.keys(TABLES) as TableId[];

export const isTableId = (id: string): id is TableId => Object.prototype.hasOwnProperty.call(TABLES, id);

/**
 * Problems with a table's content, as JSON pointers; empty when it is valid.
 * @example checkTable('panel-rules', { panels: [] }) // [{ path: '/title', message: … }, …]
 */
export function checkTable(id: TableId, content: unknown): { path: string; message: string }[] {
  const parsed = TABLES[id].schema.safeParse(content);
  return parsed.success ? [] : issuesToDetails(parsed.error.issues);
}

/** The starter content of a table: its file without the `id`. */
export function starterContent(id: TableId): Record<string, unknown> {
  const { id: _id, ...content } = TABLES[id].starter as Record<string, unknown>;
  return content;
}
