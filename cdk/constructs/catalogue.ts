import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RemovalPolicy } from 'aws-cdk-lib';
import { CustomResource, Duration } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { REPO_ROOT } from '../lambda/bundle';
import type { LambdaCode } from '../lambda/code';
import { PLATFORM_BUNDLES } from '../lambda/entries';
import { CpFunction } from './cp-function';
import type { CpData } from './data';
import type { CpIdentity } from './identity';
import type { CpWorkflows } from './workflows';

/** The repository folders the starter catalogue is read from (local/catalogue.ts reads the same). */
export const CATALOGUE_FOLDERS = PLATFORM_BUNDLES.catalogueLoader.copy;

/** sha256 over the catalogue's JSON files: a changed catalogue changes the custom resource. */
export function catalogueHash(root = REPO_ROOT): string {
  const hash = createHash('sha256');
  for (const folder of CATALOGUE_FOLDERS) {
    const dir = join(root, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      hash
        .update(`${folder}/${name}\0`)
        .update(readFileSync(join(dir, name)))
        .update('\0');
    }
  }
  return hash.digest('hex');
}

export interface CpCatalogueProps {
  readonly code: LambdaCode;
  readonly namePrefix: string;
  /** Environment the loader needs: table, function ARNs, publish Lambda, user pool and client. */
  readonly environment: Readonly<Record<string, string>>;
  readonly data: CpData;
  readonly workflows: CpWorkflows;
  readonly identity: CpIdentity;
  /** E-mail of the first administrator (`admin`), stored on the Cognito user. */
  readonly adminEmail?: string;
  /**
   * Changes on every deploy so the loader runs every time (a state machine deleted by hand is published again).
   * Tests pass a constant.
   */
  readonly nonce: string;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The starter catalogue on deploy: a custom resource whose Lambda carries forms/, workflows/ and reference/ and
 * runs `loadCatalogue` (lambdas/catalogue-loader), which publishes what is absent and never overwrites an
 * administrator's newer version. It also creates the regions, the platform agency and the `admin` user.
 */
export class CpCatalogue extends Construct {
  readonly loader: CpFunction;
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: CpCatalogueProps) {
    super(scope, id);
    this.loader = new CpFunction(this, 'Loader', {
      bundle: PLATFORM_BUNDLES.catalogueLoader,
      code: props.code,
      functionName: `${props.namePrefix}catalogue-loader`,
      description: 'Loads the starter catalogue on deploy; never overwrites administrators’ versions',
      timeout: Duration.minutes(10),
      memorySize: 1024,
      environment: props.environment,
      logRetention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    props.data.grantReadWriteData(this.loader.role);
    props.workflows.grantPublish(this.loader.role);
    props.identity.grantUserAdministration(this.loader.role);

    this.resource = new CustomResource(this, 'Load', {
      serviceToken: this.loader.function.functionArn,
      resourceType: 'Custom::CpflowCatalogue',
      serviceTimeout: Duration.minutes(12),
      properties: {
        CatalogueHash: catalogueHash(),
        Nonce: props.nonce,
        ...(props.adminEmail ? { AdminEmail: props.adminEmail } : {}),
      },
    });
    // Publishing needs the task functions, the state-machine role and the publish Lambda in place.
    this.resource.node.addDependency(props.workflows);
  }
}
