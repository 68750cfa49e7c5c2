import type { ExecutionStatusChange } from '../contract.js';
import { errorDetails } from './history.js';
import type { Pump } from './pump.js';
import type { ExecStatus, Run } from './types.js';

/**
 * Ends an execution: releases every run (tokens, sync children), records the final event, and queues the
 * status-change notification and, for a child of a `.sync` task, the notification of its parent.
 */
export function endExecution(
  p: Pump,
  status: Exclude<ExecStatus, 'RUNNING'>,
  result: { output?: string; error?: string; cause?: string },
): void {
  const x = p.x;
  if (x.status !== 'RUNNING') return;
  const root: Run | undefined = x.runs[0];
  for (const run of Object.values(x.runs))
    p.releaseStep(
      run,
      `The Task state in AWS Step Functions execution [${x.arn}] which was managing this resource was aborted`,
    );
  x.status = status;
  x.stop = p.now();
  if (result.output !== undefined) x.output = result.output;
  if (result.error) x.error = result.error;
  if (result.cause !== undefined) x.cause = result.cause;
  x.runs = {};
  delete x.timeoutAt;
  const details = errorDetails(result.error, result.cause);
  switch (status) {
    case 'SUCCEEDED':
      p.emit(root ?? null, 'ExecutionSucceeded', { output: result.output });
      break;
    case 'FAILED':
      p.emit(root ?? null, 'ExecutionFailed', details);
      break;
    case 'TIMED_OUT':
      p.emit(null, 'ExecutionTimedOut', details);
      break;
    case 'ABORTED':
      p.emit(null, 'ExecutionAborted', details);
      break;
  }
  if (p.env.notify) p.outbox.push({ k: 'status', change: statusChange(p) });
  if (x.parent) p.outbox.push({ k: 'parent', link: x.parent, child: x.arn });
}

/** The EventBridge-shaped status change for the execution's current state. */
export function statusChange(p: Pump): ExecutionStatusChange {
  const x = p.x;
  return {
    executionArn: x.arn,
    stateMachineArn: x.smArn,
    name: x.name,
    status: x.status,
    startDate: x.start,
    stopDate: x.stop ?? null,
    input: x.input,
    output: x.output ?? null,
    error: x.error ?? null,
    cause: x.cause ?? null,
  };
}
