import type { DescribeExecutionCommandOutput, HistoryEvent } from '@aws-sdk/client-sfn';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type {
  Engine,
  EngineOptions,
  ExecutionStatusChange,
  LambdaInvoker,
} from '../../../../../local/stepfunctions/index.js';
import { createVirtualClock, startEngine } from '../../../../../local/stepfunctions/index.js';

/** The role every test state machine uses (any syntactically valid role ARN is accepted locally). */
export const ROLE = 'arn:aws:iam::123456789012:role/StepFunctionsRole';

/** In-process "Lambda functions" by name; a thrown error becomes a function error named after it. */
export type Handlers = Record<string, (payload: unknown) => unknown>;

export class FunctionError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export function invokerFor(handlers: Handlers): LambdaInvoker {
  return async (fn, payload) => {
    const handler = handlers[fn];
    if (!handler) {
      const e = new Error(`Function not found: ${fn}`);
      e.name = 'Lambda.ResourceNotFoundException';
      throw e;
    }
    try {
      return { payload: await handler(payload) };
    } catch (e) {
      const err = e as Error;
      return { functionError: { errorType: err.name, errorMessage: err.message, trace: ['at handler'] } };
    }
  };
}

export interface TestEngine {
  engine: Engine;
  sfn: SFNClient;
  statusChanges: ExecutionStatusChange[];
  /** Creates a state machine (unique name unless given) and returns its ARN. */
  machine(definition: object, name?: string): Promise<string>;
  /** Starts an execution and waits until it is no longer RUNNING (or until it only waits, with `settle`). */
  run(
    stateMachineArn: string,
    input?: unknown,
    opts?: { name?: string; settle?: boolean },
  ): Promise<DescribeExecutionCommandOutput>;
  /** Waits until the execution leaves RUNNING. */
  finish(executionArn: string): Promise<DescribeExecutionCommandOutput>;
  history(executionArn: string): Promise<HistoryEvent[]>;
  close(): Promise<void>;
}

let counter = 0;

export async function testEngine(
  opts: {
    handlers?: Handlers;
    durable?: boolean;
    dataDir?: string;
    virtualClock?: boolean;
  } & Partial<EngineOptions> = {},
): Promise<TestEngine> {
  const statusChanges: ExecutionStatusChange[] = [];
  const dir = opts.dataDir ?? (opts.durable ? mkdtempSync(join(tmpdir(), 'sfn-test-')) : undefined);
  const engine = await startEngine({
    port: 0,
    invoke: invokerFor(opts.handlers ?? {}),
    ...(dir ? { dataDir: dir } : {}),
    ...(opts.virtualClock ? { clock: createVirtualClock() } : {}),
    onExecutionStatusChange: async (e) => {
      statusChanges.push(e);
    },
    ...(opts.lambdaEndpoint ? { lambdaEndpoint: opts.lambdaEndpoint } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
  });
  const sfn = new SFNClient({
    endpoint: engine.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const finish = async (executionArn: string): Promise<DescribeExecutionCommandOutput> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      // idle() never resolves while an invocation hangs, so it is raced with a short poll.
      await Promise.race([engine.idle(), new Promise((r) => setTimeout(r, 50))]);
      const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (d.status !== 'RUNNING' || Date.now() > deadline) return d;
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return {
    engine,
    sfn,
    statusChanges,
    async machine(definition, name) {
      const out = await sfn.send(
        new CreateStateMachineCommand({
          name: name ?? `sm-${++counter}`,
          definition: JSON.stringify(definition),
          roleArn: ROLE,
        }),
      );
      return out.stateMachineArn as string;
    },
    async run(stateMachineArn, input = {}, o = {}) {
      const started = await sfn.send(
        new StartExecutionCommand({
          stateMachineArn,
          input: JSON.stringify(input),
          ...(o.name ? { name: o.name } : {}),
        }),
      );
      const arn = started.executionArn as string;
      if (o.settle) {
        await engine.idle();
        return sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
      }
      return finish(arn);
    },
    finish,
    async history(executionArn) {
      const out = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
      return out.events ?? [];
    },
    async close() {
      sfn.destroy();
      await engine.close();
      if (dir && !opts.dataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Parses an execution's output. */
export function output(d: DescribeExecutionCommandOutput): unknown {
  return d.output === undefined ? undefined : JSON.parse(d.output);
}

/** A one-state machine around `state`. */
export function single(state: object): object {
  return { StartAt: 'S', States: { S: { ...state, End: true } } };
}
