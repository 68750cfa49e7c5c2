/**
 * cpflow's custom renderers, each a `{ tester, renderer }` pair ranked above the material set (rank ≤ 5): a
 * form opts in per field with `x-widget` in its schema or `options.widget` in its UI schema, and a few shapes
 * are recognised on their own (see docs/web.md). This module does not import the material renderers, so
 * renderer tests stay light.
 */
import type { JsonFormsRendererRegistryEntry } from '@jsonforms/core';
import { BalanceTableRenderer, balanceTableTester } from './BalanceTable';
import {
  ChecklistItemRenderer,
  checklistItemTester,
  ChecklistRenderer,
  checklistTester,
  VerdictRenderer,
  verdictTester,
} from './Checklist';
import { FileRenderer, fileTester } from './FileUpload';
import { OptionsTableRenderer, optionsTableTester } from './OptionsTable';
import { YesNoRenderer, yesNoTester } from './YesNo';

export const customRenderers: JsonFormsRendererRegistryEntry[] = [
  { tester: fileTester, renderer: FileRenderer },
  { tester: optionsTableTester, renderer: OptionsTableRenderer },
  { tester: checklistItemTester, renderer: ChecklistItemRenderer },
  { tester: verdictTester, renderer: VerdictRenderer },
  { tester: checklistTester, renderer: ChecklistRenderer },
  { tester: balanceTableTester, renderer: BalanceTableRenderer },
  { tester: yesNoTester, renderer: YesNoRenderer },
];
