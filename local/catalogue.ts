/**
 * Reads the starter catalogue from forms/ and workflows/ (and workflows/programmes.json), and the reference tables
 * from reference/ (all but regions.json, which bootstrap loads into the region tree).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalogue } from '../lambdas/core/definitions/catalogue';

export function readCatalogue(root = '.'): Catalogue {
  const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const dir = (d: string) =>
    existsSync(join(root, d))
      ? readdirSync(join(root, d))
          .filter((f) => f.endsWith('.json') && f !== 'programmes.json')
          .sort()
          .map((f) => join(root, d, f))
      : [];
  const forms = dir('forms').map((f) => json(f) as Catalogue['forms'][number]);
  const workflows = dir('workflows').map((f) => json(f) as Catalogue['workflows'][number]);
  const programmesFile = join(root, 'workflows', 'programmes.json');
  const programmes = existsSync(programmesFile) ? (json(programmesFile) as Catalogue['programmes']) : [];
  const references = existsSync(join(root, 'reference'))
    ? readdirSync(join(root, 'reference'))
        .filter((f) => f.endsWith('.json') && f !== 'regions.json')
        .sort()
        .map((f) => json(join(root, 'reference', f)) as NonNullable<Catalogue['references']>[number])
    : [];
  return { forms, workflows, programmes, references };
}
