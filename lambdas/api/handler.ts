/**
 * The api Lambda's entry: the Hono app behind API Gateway (HTTP API, payload v2) via hono/aws-lambda, with the AWS
 * AppDeps (aws-deps.ts). The app is built on the first request and reused by the container.
 *
 * The app is the lazy one (lazy-app.ts), which loads each route module on first use; bundled (cdk/lambda/bundle.ts),
 * its route table and the OpenAPI document lie beside this module.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import type { LambdaEvent } from 'hono/aws-lambda';
import { handle } from 'hono/aws-lambda';
import { loadConfig } from '../config';
import { awsAppDeps, awsClients } from './aws-deps';
import type { AppDeps } from './deps';
import type { RouteEntry } from './lazy-app';
import { createLazyApp, OPENAPI_FILE, ROUTES_FILE } from './lazy-app';

const logger = new Logger({ serviceName: 'cpflow-api' });
let serve: ReturnType<typeof handle> | undefined;

function log(message: string, extra?: unknown): void {
  if (extra instanceof Error) logger.error(message, extra);
  else logger.info(message, { extra });
}

/**
 * The lazy app, with the route table and OpenAPI document the bundler wrote beside this module; run from source
 * (tests), there are none, and both are worked out from the route modules instead (all of them loaded at once).
 */
async function createApi(deps: AppDeps) {
  const here = dirname(fileURLToPath(import.meta.url));
  const routesFile = join(here, ROUTES_FILE);
  if (!existsSync(routesFile)) {
    const { openApiText, routeTable } = await import('./route-table');
    return createLazyApp(deps, { routes: await routeTable(), openApiDocument: openApiText });
  }
  let document: Promise<string> | undefined;
  return createLazyApp(deps, {
    routes: JSON.parse(readFileSync(routesFile, 'utf8')) as RouteEntry[],
    openApiDocument: () => (document ??= readFile(join(here, OPENAPI_FILE), 'utf8')),
  });
}

export async function handler(event: LambdaEvent, context: Context) {
  logger.addContext(context);
  if (!serve) {
    const config = loadConfig();
    serve = handle(await createApi(awsAppDeps(config, awsClients(config), log)));
  }
  return serve(event, context);
}
