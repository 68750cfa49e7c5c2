/**
 * The api Lambda's entry: the Hono app behind API Gateway (HTTP API, payload v2) via hono/aws-lambda, with the AWS
 * AppDeps (aws-deps.ts). The app is built on the first request and reused by the container.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import type { LambdaEvent } from 'hono/aws-lambda';
import { handle } from 'hono/aws-lambda';
import { loadConfig } from '../config';
import { createApp } from './app';
import { awsAppDeps, awsClients } from './aws-deps';

const logger = new Logger({ serviceName: 'cpflow-api' });
let serve: ReturnType<typeof handle> | undefined;

function log(message: string, extra?: unknown): void {
  if (extra instanceof Error) logger.error(message, extra);
  else logger.info(message, { extra });
}

export async function handler(event: LambdaEvent, context: Context) {
  logger.addContext(context);
  if (!serve) {
    const config = loadConfig();
    serve = handle(createApp(awsAppDeps(config, awsClients(config), log)));
  }
  return serve(event, context);
}
