/**
 * The catalogue loader's work (handler.ts answers CloudFormation): prepare the platform (regions, agency, admin:
 * bootstrap.ts) and load the starter catalogue with `loadCatalogue`, which publishes what is absent and never
 * overwrites an administrator's newer version. Workflows are published through the publish Lambda, as the api does.
 * handler.ts imports this module only for Create and Update events.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { readCatalogue } from '../../local/catalogue';
import { cognitoClaims, cognitoDirectory } from '../adapters/cognito-directory';
import { cognitoIdp } from '../adapters/cognito-idp';
import { createDb, createDynamoClient } from '../adapters/dynamodb';
import { randomIds } from '../adapters/ids';
import { remotePublisher } from '../adapters/lambda-invoke';
import { UnauthenticatedError } from '../core/identity/claims';
import { loadConfig } from '../config';
import type { CatalogueReport } from '../core/definitions/catalogue';
import { loadCatalogue } from '../core/definitions/catalogue';
import type { WorkflowEngine } from '../core/definitions/engine';
import type { WorkflowPorts } from '../core/definitions/workflows';
import type { IdentityDirectory } from '../core/identity/directory';
import type { RegionInput } from '../core/identity/regions';
import { workflowFunctionNames } from '../registry';
import type { PlatformReport } from './bootstrap';
import { ensurePlatform } from './bootstrap';
import type { Outcome } from './cfn-response';

/** The failed definitions of a report, as `kind/id: reason`. */
export function failures(report: CatalogueReport): string[] {
  const out: string[] = [];
  for (const kind of ['forms', 'workflows', 'references'] as const) {
    for (const [id, outcome] of Object.entries(report[kind] ?? {})) {
      if (outcome.startsWith('failed')) out.push(`${kind}/${id}: ${outcome}`);
    }
  }
  return out;
}

export function summary(platform: PlatformReport, report: CatalogueReport): Outcome {
  const count = (o: string) =>
    [report.forms, report.workflows, report.references ?? {}]
      .flatMap((r) => Object.values(r))
      .filter((v) => v.startsWith(o)).length;
  const failed = failures(report);
  return {
    status: 'SUCCESS',
    ...(failed.length ? { reason: `${failed.length} definition(s) failed: ${failed.join(' | ')}` } : {}),
    data: {
      Published: count('published'),
      Unchanged: count('unchanged'),
      KeptAdministratorVersion: count('kept-administrator-version'),
      Failed: failed.length,
      ProgrammesCreated: Object.values(report.programmes).filter((v) => v === 'created').length,
      Admin: platform.admin,
    },
  };
}

export interface LoaderDeps {
  ports: WorkflowPorts;
  directory: IdentityDirectory;
}

export function awsDeps(): LoaderDeps {
  const config = loadConfig();
  const dynamo = createDynamoClient({ region: config.region });
  const base = { db: createDb(dynamo, config.tableName), clock: { now: () => Date.now() }, ids: randomIds };
  const unavailable = async (): Promise<never> => {
    throw new Error('the catalogue loader only validates and publishes');
  };
  const engine: WorkflowEngine = {
    start: unavailable,
    describe: unavailable,
    sendSuccess: unavailable,
    sendFailure: unavailable,
    sendHeartbeat: unavailable,
    stop: unavailable,
    ...remotePublisher(new LambdaClient({ region: config.region }), config.publishFunction ?? ''),
  };
  // The loader creates users; it never signs one in, so it has no use for Cognito's token verifier (aws-jwt-verify).
  const verifier = cognitoClaims({
    verify: async () => {
      throw new UnauthenticatedError('the catalogue loader signs nobody in');
    },
  });
  return {
    ports: {
      ...base,
      engine,
      functions: workflowFunctionNames,
      resolveFunction: (name) => config.functionArns[name] ?? name,
    },
    directory: cognitoDirectory(base, {
      userPoolId: config.cognitoUserPoolId ?? '',
      clientId: config.cognitoClientId ?? '',
      idp: cognitoIdp({ region: config.region }),
      verifier,
    }),
  };
}

export async function seed(
  deps: LoaderDeps,
  root: string,
  adminEmail?: string,
  logger: Pick<Logger, 'info' | 'error'> = new Logger({ serviceName: 'cpflow-catalogue' }),
): Promise<Outcome> {
  const { regions } = JSON.parse(readFileSync(join(root, 'reference', 'regions.json'), 'utf8')) as {
    regions: RegionInput[];
  };
  const platform = await ensurePlatform(deps.ports, deps.directory, regions, adminEmail);
  const report = await loadCatalogue(deps.ports, readCatalogue(root));
  logger.info('starter catalogue', { platform, report });
  for (const failure of failures(report)) logger.error('catalogue definition failed', { failure });
  return summary(platform, report);
}
