/**
 * The AWS composition root for task Lambdas: builds the deps from the environment once per container and turns a
 * handler's domain error into a Lambda function error whose errorType is the error's name.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { loadConfig } from './config';
import { createDb, createDynamoClient } from './adapters/dynamodb';
import { randomIds } from './adapters/ids';
import { createSfnClient, createWorkflowEngine } from './adapters/sfn';
import type { TaskDeps, TaskHandler } from './task-runtime';

let deps: TaskDeps | undefined;

function awsDeps(): TaskDeps {
  if (deps) return deps;
  const config = loadConfig();
  const logger = new Logger({ serviceName: 'cpflow' });
  deps = {
    db: createDb(
      createDynamoClient({ endpoint: config.dynamodbEndpoint, region: config.region }),
      config.tableName,
    ),
    clock: { now: () => Date.now() },
    ids: randomIds,
    engine: createWorkflowEngine(createSfnClient({ endpoint: config.sfnEndpoint, region: config.region }), {
      region: config.region,
      namePrefix: config.stateMachinePrefix,
      roleArn: config.stateMachineRoleArn,
      ...(config.stateMachineLogGroupArn ? { logGroupArn: config.stateMachineLogGroupArn } : {}),
    }),
    log: (message, extra) => logger.info(message, { extra }),
  };
  return deps;
}

/** Wraps `create` as a Lambda handler; the handler is created on first invocation and reused. */
export function lambdaHandler(create: (deps: TaskDeps) => TaskHandler) {
  let fn: TaskHandler | undefined;
  return async (event: unknown) => {
    fn ??= create(awsDeps());
    return fn(event);
  };
}
