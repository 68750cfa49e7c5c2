/**
 * `publish` (AWS only): the one Lambda allowed to create, update and publish state machines (under the name
 * prefix, running as the one state-machine role). The api Lambda reaches it through
 * lambdas/adapters/lambda-invoke.ts `remotePublisher`, so the internet-facing function holds no such rights.
 * Locally the api calls the embedded engine directly; the same SFN adapter does the work in both places.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { createSfnClient, createWorkflowEngine } from '../adapters/sfn';
import type { Answer } from '../adapters/lambda-answer';
import { answer } from '../adapters/lambda-answer';
import type { PublishRequest } from '../adapters/lambda-invoke';
import { loadConfig } from '../config';
import type { WorkflowEngine } from '../core/definitions/engine';
import { ValidationError } from '../core/errors';
import type { PublishPolicy } from './guard';
import { checkPublishable, WORKFLOW_ID } from './guard';

export function create(engine: Pick<WorkflowEngine, 'validate' | 'publish'>, policy: PublishPolicy) {
  return (request: PublishRequest): Promise<Answer<unknown>> =>
    answer(async () => {
      if (request.action === 'validate') return engine.validate(request.definition);
      if (request.action !== 'publish') throw new ValidationError('unknown action');
      if (!WORKFLOW_ID.test(request.workflowId)) {
        throw new ValidationError('invalid workflow id', [
          { path: '/workflowId', message: 'A-Z a-z 0-9 _ -' },
        ]);
      }
      checkPublishable(request.definition, policy);
      return engine.publish(request.workflowId, request.definition, request.description, request.existingArn);
    });
}

/** `arn:<partition>:lambda:<region>:<account>:function:<name>` → the state-machine ARN prefix in that account. */
export function stateMachineArnPrefix(invokedFunctionArn: string, namePrefix: string): string {
  const [, partition, , region, account] = invokedFunctionArn.split(':');
  return `arn:${partition}:states:${region}:${account}:stateMachine:${namePrefix}`;
}

const logger = new Logger({ serviceName: 'cpflow-publish' });
let run: ((request: PublishRequest) => Promise<Answer<unknown>>) | undefined;

export async function handler(event: PublishRequest, context: Context) {
  if (!run) {
    const config = loadConfig();
    const engine = createWorkflowEngine(createSfnClient({ region: config.region }), {
      region: config.region,
      namePrefix: config.stateMachinePrefix,
      roleArn: config.stateMachineRoleArn,
      ...(config.stateMachineLogGroupArn ? { logGroupArn: config.stateMachineLogGroupArn } : {}),
    });
    run = create(engine, {
      functionArns: new Set(Object.values(config.functionArns)),
      stateMachineArnPrefix: stateMachineArnPrefix(context.invokedFunctionArn, config.stateMachinePrefix),
    });
  }
  const reply = await run(event);
  logger.info('publish', {
    action: event.action,
    ...(event.action === 'publish' ? { workflowId: event.workflowId } : {}),
    ok: reply.ok,
  });
  return reply;
}
