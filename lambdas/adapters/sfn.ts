/**
 * The WorkflowEngine port over @aws-sdk/client-sfn: the same calls reach the embedded engine (SFN_ENDPOINT or
 * the local engine's URL) and AWS Step Functions.
 */
import type { StateMachineListItem } from '@aws-sdk/client-sfn';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  ListStateMachinesCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';
import type { ExecutionDescription, Problem, WorkflowEngine } from '../core/definitions/engine';
import { TaskTokenGoneError } from '../core/definitions/engine';
import { ConflictError } from '../core/errors';
import { unsignedAuth } from './dynamodb';

export interface SfnOptions {
  endpoint?: string;
  region: string;
  /** State machines are named `<prefix><workflowId>`. */
  namePrefix: string;
  /** The role the state machines run as (on AWS: the one the CDK stack made for them). */
  roleArn: string;
  /** AWS only: CloudWatch log group ARN for execution logs. */
  logGroupArn?: string;
}

/** Per-operation call counts (benchmarks report them). */
export const sfnCallCounts = new Map<string, number>();

export function createSfnClient({
  endpoint,
  region,
  unsigned,
}: Pick<SfnOptions, 'endpoint' | 'region'> & { unsigned?: boolean }): SFNClient {
  const client = new SFNClient({
    region,
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    ...(endpoint && unsigned ? (unsignedAuth as object) : {}),
  });
  client.middlewareStack.add(
    (next, context) => (args) => {
      const op = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      sfnCallCounts.set(op, (sfnCallCounts.get(op) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'cpflowSfnCallCounter' },
  );
  return client;
}

/** The API errors that mean the engine no longer waits on a task token. */
const TOKEN_GONE = new Set(['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist']);

/**
 * A task-token call whose "token no longer waited on" errors become TaskTokenGoneError: the SDK names them by the
 * exception's `name`, the embedded engine's in-process entry by its error's `code`.
 */
export async function tokenCall(send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (err) {
    const name = err instanceof Error ? ((err as { code?: unknown }).code ?? err.name) : undefined;
    if (typeof name === 'string' && TOKEN_GONE.has(name)) throw new TaskTokenGoneError(name);
    throw err;
  }
}

export function createWorkflowEngine(client: SFNClient, opts: SfnOptions): WorkflowEngine {
  const logging = opts.logGroupArn
    ? {
        loggingConfiguration: {
          level: 'ERROR' as const,
          includeExecutionData: false,
          destinations: [{ cloudWatchLogsLogGroup: { logGroupArn: opts.logGroupArn } }],
        },
      }
    : {};

  async function findArn(name: string): Promise<string | undefined> {
    let nextToken: string | undefined;
    do {
      const out = await client.send(new ListStateMachinesCommand({ nextToken, maxResults: 1000 }));
      const hit = (out.stateMachines ?? []).find((m: StateMachineListItem) => m.name === name);
      if (hit?.stateMachineArn) return hit.stateMachineArn;
      nextToken = out.nextToken;
    } while (nextToken);
    return undefined;
  }

  return {
    async validate(definition) {
      const out = await client.send(
        new ValidateStateMachineDefinitionCommand({
          definition: JSON.stringify(definition),
          type: 'STANDARD',
        }),
      );
      return (out.diagnostics ?? [])
        .filter((d) => d.severity === 'ERROR')
        .map((d): Problem => ({
          path: d.location ?? '',
          message: `${d.code ?? 'INVALID'}: ${d.message ?? ''}`,
        }));
    },

    async publish(workflowId, definition, description, existingArn) {
      const name = `${opts.namePrefix}${workflowId}`;
      const body = JSON.stringify(definition);
      const versionDescription = description.slice(0, 256);
      let arn = existingArn;
      if (!arn) {
        try {
          const out = await client.send(
            new CreateStateMachineCommand({
              name,
              definition: body,
              roleArn: opts.roleArn,
              type: 'STANDARD',
              publish: true,
              versionDescription,
              ...logging,
            }),
          );
          return { stateMachineArn: out.stateMachineArn!, versionArn: out.stateMachineVersionArn! };
        } catch (err) {
          if (!(err instanceof Error && err.name === 'StateMachineAlreadyExists')) throw err;
          arn = await findArn(name);
          if (!arn) throw err;
        }
      }
      const out = await client.send(
        new UpdateStateMachineCommand({
          stateMachineArn: arn,
          definition: body,
          publish: true,
          versionDescription,
          ...logging,
        }),
      );
      return { stateMachineArn: arn, versionArn: out.stateMachineVersionArn! };
    },

    async start(stateMachineArn, name, input) {
      try {
        const out = await client.send(
          new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
        );
        return { executionArn: out.executionArn! };
      } catch (err) {
        if (err instanceof Error && err.name === 'ExecutionAlreadyExists') {
          throw new ConflictError('ALREADY_EXISTS', `an execution named ${name} exists with other input`);
        }
        throw err;
      }
    },

    async describe(executionArn): Promise<ExecutionDescription> {
      const out = await client.send(new DescribeExecutionCommand({ executionArn }));
      return {
        status: out.status as ExecutionDescription['status'],
        ...(out.output ? { output: JSON.parse(out.output) as unknown } : {}),
        ...(out.error ? { error: out.error } : {}),
        ...(out.cause ? { cause: out.cause } : {}),
        startDate: out.startDate?.getTime() ?? 0,
        ...(out.stopDate ? { stopDate: out.stopDate.getTime() } : {}),
      };
    },

    sendSuccess: (taskToken, output) =>
      tokenCall(() => client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }))),

    sendFailure: (taskToken, error, cause) =>
      tokenCall(() => client.send(new SendTaskFailureCommand({ taskToken, error, cause }))),

    sendHeartbeat: (taskToken) => tokenCall(() => client.send(new SendTaskHeartbeatCommand({ taskToken }))),

    async stop(executionArn, error, cause) {
      await client.send(new StopExecutionCommand({ executionArn, error, cause }));
    },
  };
}
