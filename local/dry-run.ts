/**
 * The dry run: a draft workflow on its own in-memory engine with a virtual clock, human steps answered from the
 * request's decisions or the forms' examples, other tasks from decisions or (for pure functions) run for real.
 * Nothing is written anywhere: the engine is discarded afterwards. Used by local and AWS alike (the engine is
 * plain Node and runs in memory inside the api Lambda).
 */
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { createSfnClient, createWorkflowEngine } from '../lambdas/adapters/sfn';
import type { DryRunDecision, DryRunner, DryRunResult } from '../lambdas/core/definitions/engine';
import { functionName } from '../lambdas/core/definitions/asl';
import { references, resolveDefinition } from '../lambdas/core/definitions/workflows';
import { findTaskFunction } from '../lambdas/registry';
import { taskHandler } from '../lambdas/task-runtime';
import type { TaskDeps } from '../lambdas/task-runtime';
import type { InvokeResult } from './stepfunctions';
import { createVirtualClock, startEngine } from './stepfunctions';

const MAX_STEPS = 500;

function isDecision(v: unknown): v is DryRunDecision {
  return typeof v === 'object' && v !== null && ('data' in v || 'error' in v);
}

export function createDryRunner(readonlyDeps: () => TaskDeps): DryRunner {
  return async (req) => {
    const clock = createVirtualClock(Date.now());
    const visits = new Map<string, number>();
    const simulated = new Set<string>();
    let humanSteps = 0;
    const pick = (keys: (string | undefined)[]): unknown => {
      for (const key of keys) {
        if (!key || !(key in req.decisions)) continue;
        const answer = req.decisions[key];
        if (!Array.isArray(answer)) return answer;
        const n = visits.get(key) ?? 0;
        visits.set(key, n + 1);
        return answer[Math.min(n, answer.length - 1)];
      }
      return undefined;
    };

    const invoke = async (name: string, payload: unknown): Promise<InvokeResult> => {
      const fn = functionName(name);
      const p = (payload ?? {}) as Record<string, unknown>;
      const stateName = typeof p.stateName === 'string' ? p.stateName : undefined;
      if (fn === 'cp-open-task') {
        humanSteps++;
        const formId = String(p.formId);
        const answer = pick([stateName, formId]);
        const decision: DryRunDecision = isDecision(answer)
          ? answer
          : { data: answer !== undefined ? answer : req.examples[formId] };
        const token = String(p.token);
        // Answer while the invocation is still in flight: the engine is not idle yet, so the virtual clock cannot
        // jump past the step's timeout before the answer arrives (a real Lambda may answer its own token too).
        if ('error' in decision) await sfn.sendFailure(token, decision.error, decision.cause ?? '');
        else {
          await sfn.sendSuccess(token, {
            submissionId: `dry-run-${humanSteps}`,
            formId,
            formVersion: 0,
            data: decision.data,
            submittedBy: 'dry-run',
          });
        }
        return { payload: { taskId: `dry-run-${humanSteps}` } };
      }
      const answer = pick([stateName, fn]);
      if (answer !== undefined) {
        if (isDecision(answer) && 'error' in answer) {
          return { functionError: { errorType: answer.error, errorMessage: answer.cause ?? '' } };
        }
        return { payload: isDecision(answer) && 'data' in answer ? answer.data : answer };
      }
      const def = findTaskFunction(fn);
      if (def?.pure) {
        try {
          const mod = await def.load();
          return { payload: await taskHandler(mod.create, readonlyDeps())(payload) };
        } catch (err) {
          const e = err as Error;
          return { functionError: { errorType: e.name || 'Error', errorMessage: e.message } };
        }
      }
      simulated.add(fn);
      return { payload: {} };
    };

    const engine = await startEngine({ port: 0, invoke, clock });
    const client = createSfnClient({ endpoint: engine.url, region: 'us-east-1', unsigned: true });
    const sfn = createWorkflowEngine(client, {
      region: 'us-east-1',
      namePrefix: 'dry-run-',
      roleArn: 'arn:aws:iam::123456789012:role/dry-run',
    });
    try {
      // Children first (a child may start children of its own), each under its own name in this isolated engine.
      const arns = new Map<string, string>();
      const publishChild = async (id: string, seen: Set<string>): Promise<string> => {
        const known = arns.get(id);
        if (known) return known;
        if (seen.has(id)) throw new Error(`workflow ${id} starts itself`);
        const definition = req.children[id];
        if (!definition) throw new Error(`child workflow ${id} is not published`);
        for (const grandchild of references(definition).workflows)
          await publishChild(grandchild, new Set([...seen, id]));
        const resolvedChild = resolveDefinition(
          definition,
          (n) => n,
          (c) => arns.get(c)!,
        );
        const { stateMachineArn } = await sfn.publish(id, resolvedChild, 'dry run');
        arns.set(id, stateMachineArn);
        return stateMachineArn;
      };
      for (const child of references(req.definition).workflows)
        await publishChild(child, new Set([req.workflowId]));
      const resolved = resolveDefinition(
        req.definition,
        (n) => n,
        (id) => arns.get(id)!,
      );
      const { versionArn } = await sfn.publish(`${req.workflowId}-draft`, resolved, 'dry run');
      const { executionArn } = await sfn.start(versionArn, 'dry-run', req.input);
      // The engine advances the virtual clock itself whenever it is idle; idle() returns once nothing is left.
      for (let step = 0; step < MAX_STEPS && humanSteps < MAX_STEPS; step++) {
        await engine.idle();
        const d = await sfn.describe(executionArn);
        if (d.status !== 'RUNNING' || !clock.runNext()) break;
      }
      const d = await sfn.describe(executionArn);
      if (d.status === 'RUNNING')
        await sfn.stop(executionArn, 'DryRun.Stopped', `stopped after ${MAX_STEPS} steps`);
      return { ...(await summarise(client, executionArn, simulated)), humanSteps };
    } finally {
      client.destroy();
      await engine.close();
    }
  };
}

async function summarise(
  client: ReturnType<typeof createSfnClient>,
  executionArn: string,
  simulated: Set<string>,
): Promise<Omit<DryRunResult, 'humanSteps'>> {
  const events = [];
  let nextToken: string | undefined;
  do {
    const out = await client.send(
      new GetExecutionHistoryCommand({
        executionArn,
        nextToken,
        maxResults: 1000,
        includeExecutionData: true,
      }),
    );
    events.push(...(out.events ?? []));
    nextToken = out.nextToken;
  } while (nextToken);
  const path: string[] = [];
  const states: DryRunResult['states'] = [];
  const parse = (s?: string) => {
    try {
      return s ? (JSON.parse(s) as unknown) : undefined;
    } catch {
      return s;
    }
  };
  let status = 'RUNNING';
  let output: unknown;
  let error: string | undefined;
  let cause: string | undefined;
  for (const e of events) {
    const entered = e.stateEnteredEventDetails;
    if (entered?.name) {
      path.push(entered.name);
      states.push({
        name: entered.name,
        type: e.type?.replace(/StateEntered$/, ''),
        input: parse(entered.input),
      });
    }
    const exited = e.stateExitedEventDetails;
    if (exited?.name) {
      const s = [...states].reverse().find((x) => x.name === exited.name && x.output === undefined);
      if (s) s.output = parse(exited.output);
    }
    const scheduled =
      e.taskScheduledEventDetails?.parameters ?? e.lambdaFunctionScheduledEventDetails?.resource ?? '';
    if ([...simulated].some((fn) => scheduled.includes(fn))) {
      const last = states[states.length - 1];
      if (last) last.simulated = true;
    }
    if (e.type === 'ExecutionSucceeded') {
      status = 'SUCCEEDED';
      output = parse(e.executionSucceededEventDetails?.output);
    }
    if (e.type === 'ExecutionFailed') {
      status = 'FAILED';
      error = e.executionFailedEventDetails?.error;
      cause = e.executionFailedEventDetails?.cause;
    }
    if (e.type === 'ExecutionAborted') status = 'ABORTED';
    if (e.type === 'ExecutionTimedOut') status = 'TIMED_OUT';
  }
  return {
    status,
    path,
    states,
    ...(output !== undefined ? { output } : {}),
    ...(error ? { error } : {}),
    ...(cause ? { cause } : {}),
  };
}
