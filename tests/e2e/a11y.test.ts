/**
 * axe-core on every portal's pages in Chromium (the list in support/portals.ts): nothing serious or critical on
 * any of them, against WCAG 2.1 A and AA. Minor and moderate findings are printed, not failed.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from './support/app';
import { startApp } from './support/app';
import type { Portal } from './support/portals';
import { arrangeDemoCases, openPortal, portals, visit } from './support/portals';

let app: App;
let all: Portal[] = [];

beforeAll(async () => {
  app = await startApp();
  all = portals(await arrangeDemoCases(app));
}, 240_000);
afterEach(async (ctx) => app?.settle(ctx.task.result?.state === 'fail' ? ctx.task.name : undefined));
afterAll(async () => app?.close());

interface Finding {
  page: string;
  id: string;
  impact: string;
  nodes: string[];
  help: string;
}

async function audit(page: Page, name: string): Promise<Finding[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.map((v) => ({
    page: name,
    id: v.id,
    impact: v.impact ?? 'unknown',
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    help: v.help,
  }));
}

async function serious(name: string): Promise<Finding[]> {
  const portal = all.find((p) => p.name === name)!;
  const page = await openPortal(app, portal);
  const findings: Finding[] = [];
  for (const p of portal.pages) {
    await visit(app, page, p);
    findings.push(...(await audit(page, p.name)));
  }
  const bad = findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
  const minor = findings.filter((f) => !bad.includes(f));
  if (minor.length) console.log('axe (minor/moderate):', JSON.stringify(minor));
  return bad;
}

describe('axe finds nothing serious', () => {
  // The names only (the cases are arranged in beforeAll): every portal in the list gets its own test.
  const names = portals({ fillTask: '', scoreTask: '', reviewTask: '', bankTask: '', caseId: '' }).map(
    (p) => p.name,
  );
  for (const name of names) {
    it(`in the ${name} pages`, { timeout: 300_000 }, async () => {
      expect(await serious(name)).toEqual([]);
    });
  }
});
