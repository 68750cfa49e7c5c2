/**
 * `catalogue-loader` (AWS only): the custom resource that runs on every deploy. It prepares the platform (regions,
 * agency, admin: bootstrap.ts) and loads the starter catalogue bundled beside it (forms/, workflows/,
 * workflows/programmes.json, reference/) with `loadCatalogue`, which publishes what is absent and never
 * overwrites an administrator's newer version. Workflows are published through the publish Lambda, as the api does.
 *
 * Definitions that fail to load are reported (log and the resource's Data), not fatal: failing the resource would
 * make CloudFormation roll back — and a rollback re-runs this same code, which would fail again.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import type { Outcome } from './cfn-response';
import { respond } from './cfn-response';

const logger = new Logger({ serviceName: 'cpflow-catalogue' });

/** Where the bundler copies forms/, workflows/ and reference/ (beside index.mjs). */
export const catalogueRoot = () => join(fileURLToPath(new URL('.', import.meta.url)), 'catalogue');

export async function handler(event: CloudFormationCustomResourceEvent, context: Context) {
  let outcome: Outcome = { status: 'SUCCESS' };
  try {
    if (event.RequestType !== 'Delete') {
      const adminEmail = event.ResourceProperties.AdminEmail as string | undefined;
      // The work, and the libraries it needs (AJV, zod, the SDK clients), loaded only for Create and Update.
      const { awsDeps, seed } = await import('./seed');
      outcome = await seed(awsDeps(), catalogueRoot(), adminEmail || undefined, logger);
    }
  } catch (err) {
    logger.error('catalogue loader failed', err as Error);
    outcome = {
      status: 'FAILED',
      reason: err instanceof Error ? `${err.name}: ${err.message}` : String(err),
    };
  } finally {
    await respond(event, context.logStreamName, outcome);
  }
}
