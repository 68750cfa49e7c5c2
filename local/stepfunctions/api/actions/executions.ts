import { randomUUID } from 'node:crypto';
import { SfnApiError } from '../../errors.js';
import type { ExecSummary } from '../../repo/keys.js';
import { indexBucket } from '../../repo/keys.js';
import type { ExecRecord } from '../../runtime/types.js';
import { PAYLOAD_LIMIT, tryParse, utf8Length } from '../../util/json.js';
import { epochSeconds } from '../../util/time.js';
import { isVersionQualifier, parseExecutionArn, parseStateMachineArn } from '../arns.js';
import type { Action, ApiContext } from '../context.js';
import {
  checkName,
  decodePageToken,
  encodePageToken,
  optionalString,
  pageSize,
  requireString,
} from '../input.js';
import { loadMachine } from './state-machines.js';

export const startExecution: Action = async (ctx, input) => {
  const arn = requireString(input, 'stateMachineArn');
  const name = optionalString(input, 'name') ?? randomUUID();
  checkName(name);
  const text = optionalString(input, 'input') ?? '{}';
  if (utf8Length(text) > PAYLOAD_LIMIT) {
    throw new SfnApiError(
      'ValidationException',
      `1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${PAYLOAD_LIMIT}`,
    );
  }
  const parsed = tryParse(text);
  if (!parsed.ok)
    throw new SfnApiError(
      'InvalidExecutionInput',
      `Invalid State Machine Execution Input: '${text.slice(0, 200)}'`,
    );
  const target = await ctx.resolveTarget(arn);
  const r = await ctx.manager.start({ ...target, name, input: text, parsedInput: parsed.value });
  return { executionArn: r.executionArn, startDate: epochSeconds(r.startDate) };
};

export async function loadExecution(ctx: ApiContext, arn: string): Promise<ExecRecord> {
  parseExecutionArn(arn);
  const x = await ctx.manager.peek(arn);
  if (!x) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
  return x;
}

export const describeExecution: Action = async (ctx, input) => {
  const x = await loadExecution(ctx, requireString(input, 'executionArn'));
  const out: Record<string, unknown> = {
    executionArn: x.arn,
    stateMachineArn: x.smArn,
    name: x.name,
    status: x.status,
    startDate: epochSeconds(x.start),
    input: x.input,
    inputDetails: { included: true },
    redriveCount: 0,
    redriveStatus: 'NOT_REDRIVABLE',
  };
  if (x.stop !== undefined) out.stopDate = epochSeconds(x.stop);
  if (x.output !== undefined) {
    out.output = x.output;
    out.outputDetails = { included: true };
  }
  if (x.error) out.error = x.error;
  if (x.cause !== undefined) out.cause = x.cause;
  if (x.versionArn) out.stateMachineVersionArn = x.versionArn;
  if (x.aliasArn) out.stateMachineAliasArn = x.aliasArn;
  return out;
};

export const stopExecution: Action = async (ctx, input) => {
  const arn = requireString(input, 'executionArn');
  await loadExecution(ctx, arn);
  const error = optionalString(input, 'error');
  const cause = optionalString(input, 'cause');
  await ctx.manager.deliver(arn, {
    t: 'stop',
    ...(error !== undefined ? { error } : {}),
    ...(cause !== undefined ? { cause } : {}),
  });
  const x = await loadExecution(ctx, arn);
  return { stopDate: epochSeconds(x.stop ?? ctx.clock.now()) };
};

const STATUSES = new Set(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']);

/** Newest first; filters by status and, for a version or alias ARN, by what the execution was started through. */
export const listExecutions: Action = async (ctx, input) => {
  const parsed = parseStateMachineArn(requireString(input, 'stateMachineArn'));
  const sm = await loadMachine(ctx, parsed.base);
  const status = optionalString(input, 'statusFilter');
  if (status !== undefined && !STATUSES.has(status)) {
    throw new SfnApiError(
      'ValidationException',
      `1 validation error detected: Value '${status}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE]`,
    );
  }
  const qualified = parsed.qualifier === undefined ? undefined : `${parsed.base}:${parsed.qualifier}`;
  const keep = (s: ExecSummary): boolean =>
    (status === undefined || s.status === status) &&
    (qualified === undefined ||
      (isVersionQualifier(parsed.qualifier) ? s.versionArn === qualified : s.aliasArn === qualified));
  const limit = pageSize(input);
  let after = decodePageToken(input);
  const page: Array<[string, ExecSummary]> = [];
  let more = false;
  for (;;) {
    const rows = await ctx.store.list(indexBucket(sm.arn), {
      ...(after !== undefined ? { after } : {}),
      limit: 500,
    });
    for (const [k, v] of rows) {
      const s = JSON.parse(v) as ExecSummary;
      if (!keep(s)) continue;
      if (page.length === limit) {
        more = true;
        break;
      }
      page.push([k, s]);
    }
    if (more || rows.length < 500) break;
    after = (rows[rows.length - 1] as [string, string])[0];
  }
  const out: Record<string, unknown> = {
    executions: page.map(([, s]) => ({
      executionArn: s.arn,
      stateMachineArn: sm.arn,
      name: s.name,
      status: s.status,
      startDate: epochSeconds(s.start),
      ...(s.stop !== undefined ? { stopDate: epochSeconds(s.stop) } : {}),
      ...(s.versionArn ? { stateMachineVersionArn: s.versionArn } : {}),
      ...(s.aliasArn ? { stateMachineAliasArn: s.aliasArn } : {}),
      redriveCount: 0,
    })),
  };
  const last = page[page.length - 1];
  if (more && last) out.nextToken = encodePageToken(last[0]);
  return out;
};

export const describeStateMachineForExecution: Action = async (ctx, input) => {
  const x = await loadExecution(ctx, requireString(input, 'executionArn'));
  const def = await ctx.definitions.get(x.def);
  const sm = await ctx.repo.get(x.smArn);
  return {
    stateMachineArn: x.versionArn ?? x.smArn,
    name: x.smArn.slice(x.smArn.lastIndexOf(':') + 1),
    definition: def.text,
    roleArn: x.roleArn,
    updateDate: epochSeconds(sm?.updated ?? x.start),
    loggingConfiguration: sm?.loggingConfiguration ?? { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: sm?.tracingConfiguration ?? { enabled: false },
    ...(sm ? { revisionId: sm.revisionId } : {}),
  };
};
