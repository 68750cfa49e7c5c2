/**
 * The AWS composition root for task Lambdas: builds the deps from the environment once per container and turns a
 * handler's domain error into a Lambda function error whose errorType is the error's name.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { loadConfig } from './config';
import { createDb, createDynamoClient } from './adapters/dynamodb';
import { randomIds } from './adapters/ids';
import type { WorkflowEngine } from './core/definitions/engine';
import type { Config } from './config';
import { taskHandler } from './task-runtime';
import type { TaskDeps, TaskHandler } from './task-runtime';

let deps: TaskDeps | undefined;

/**
 * The Step Functions engine, built on first use: most task functions never call Step Functions, and the bundler
 * puts the SFN client in a chunk that only a first call loads, so their cold start skips it.
 */
function lazyEngine(config: Config): WorkflowEngine {
  let engine: Promise<WorkflowEngine> | undefined;
  const get = () =>
    (engine ??= import('./adapters/sfn').then(({ createSfnClient, createWorkflowEngine }) =>
      createWorkflowEngine(createSfnClient({ endpoint: config.sfnEndpoint, region: config.region }), {
        region: config.region,
        namePrefix: config.stateMachinePrefix,
        roleArn: config.stateMachineRoleArn,
        ...(config.stateMachineLogGroupArn ? { logGroupArn: config.stateMachineLogGroupArn } : {}),
      }),
    ));
  return {
    validate: async (...a) => (await get()).validate(...a),
    publish: async (...a) => (await get()).publish(...a),
    start: async (...a) => (await get()).start(...a),
    describe: async (...a) => (await get()).describe(...a),
    sendSuccess: async (...a) => (await get()).sendSuccess(...a),
    sendFailure: async (...a) => (await get()).sendFailure(...a),
    sendHeartbeat: async (...a) => (await get()).sendHeartbeat(...a),
    stop: async (...a) => (await get()).stop(...a),
  };
}

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
    engine: lazyEngine(config),
    log: (message, extra) => logger.info(message, { extra }),
  };
  return deps;
}

/** Wraps `create` as a Lambda handler; the handler is created on first invocation and reused. */
export function lambdaHandler(create: (deps: TaskDeps) => TaskHandler) {
  let fn: TaskHandler | undefined;
  return async (event: unknown) => {
    fn ??= taskHandler(create, awsDeps());
    return fn(event);
  };
}
