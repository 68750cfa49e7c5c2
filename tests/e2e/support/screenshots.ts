/**
 * `npm run screenshots`: starts `npm start -- --demo` (through the e2e harness, on free ports with a temporary
 * data directory), arranges the demo cases, and saves each portal page of support/portals.ts to
 * docs/screenshots/<portal>-<page>.png at 1280 × 800. Names on the command line pick pages by prefix
 * (`npm run screenshots -- admin bank-home`). Chinese text needs a CJK font (Debian: fonts-noto-cjk).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startApp } from './app';
import { arrangeDemoCases, openPortal, portals, visit } from './portals';

const OUT = join('docs', 'screenshots');
const VIEWPORT = { width: 1280, height: 800 };

async function main() {
  const wanted = process.argv.slice(2);
  const pick = (name: string) => wanted.length === 0 || wanted.some((w) => name.startsWith(w));
  mkdirSync(OUT, { recursive: true });
  const app = await startApp();
  try {
    for (const portal of portals(await arrangeDemoCases(app))) {
      const pages = portal.pages.filter((p) => pick(p.name));
      if (pages.length === 0) continue;
      const page = await openPortal(app, portal, VIEWPORT);
      for (const p of pages) {
        await visit(app, page, p);
        // Mouse away from the last click, so no hover or ripple shows.
        await page.mouse.move(0, VIEWPORT.height - 1);
        const file = join(OUT, `${p.name}.png`);
        await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
        console.log(file);
      }
      await page.context().close();
    }
  } finally {
    await app.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
