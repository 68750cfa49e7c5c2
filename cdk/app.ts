/**
 * The CDK app (`npm run synth`, `npm run deploy`; cdk.json runs it with tsx). Settings come from context
 * (cdk/config.ts); account and region from the CLI's environment. The AwsSolutions cdk-nag pack checks everything:
 * an unacknowledged finding fails the synth.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { configFromContext } from './config';
import { REPO_ROOT } from './lambda/bundle';
import { addNagChecks } from './nag';
import { CpflowStack } from './stack';

const app = new App();
const webDist = join(REPO_ROOT, 'web', 'dist');
const config = configFromContext(
  app.node,
  existsSync(join(webDist, 'index.html')) ? { webAssetsPath: webDist } : {},
);
new CpflowStack(app, `cpflow-${config.stage}`, {
  config,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  catalogueNonce:
    (app.node.tryGetContext('catalogueNonce') as string | undefined) ?? new Date().toISOString(),
  description: `cpflow (${config.stage}): cleaner-production audit programmes`,
});
addNagChecks(app);
app.synth();
