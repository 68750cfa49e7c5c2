import { randomUUID } from 'node:crypto';
import { compileDefinition } from '../../asl/definition.js';
import { SfnApiError } from '../../errors.js';
import type { StateMachineRecord, VersionRecord } from '../../repo/state-machines.js';
import type { KvOp } from '../../store/kv.js';
import { epochSeconds } from '../../util/time.js';
import { isVersionQualifier, parseStateMachineArn, stateMachineArn } from '../arns.js';
import type { Action, ApiContext } from '../context.js';
import type { Input } from '../input.js';
import {
  checkName,
  decodePageToken,
  encodePageToken,
  optionalString,
  pageSize,
  requireString,
} from '../input.js';

const DEFAULT_LOGGING = { level: 'OFF', includeExecutionData: false };
const DEFAULT_TRACING = { enabled: false };

function roleArn(input: Input): string {
  const arn = requireString(input, 'roleArn');
  if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/.+/.test(arn))
    throw new SfnApiError('InvalidArn', `Invalid Arn: 'Invalid role ARN: ${arn}'`);
  return arn;
}

export async function loadMachine(ctx: ApiContext, arn: string): Promise<StateMachineRecord> {
  const sm = await ctx.repo.get(arn);
  if (!sm) throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
  return sm;
}

/** Publishes the machine's current revision as the next version (or returns the version already published from it). */
export function publishOps(
  ctx: ApiContext,
  sm: StateMachineRecord,
  description: string | undefined,
  ops: KvOp[],
): VersionRecord {
  const version: VersionRecord = {
    arn: `${sm.arn}:${sm.lastVersion + 1}`,
    smArn: sm.arn,
    version: sm.lastVersion + 1,
    type: sm.type,
    definition: sm.definition,
    roleArn: sm.roleArn,
    revisionId: sm.revisionId,
    created: ctx.clock.now(),
    loggingConfiguration: sm.loggingConfiguration,
    tracingConfiguration: sm.tracingConfiguration,
  };
  if (description !== undefined) version.description = description;
  sm.lastVersion = version.version;
  sm.lastVersionRevision = sm.revisionId;
  ops.push(ctx.repo.versionOp(version));
  return version;
}

export const createStateMachine: Action = async (ctx, input) => {
  const name = requireString(input, 'name');
  checkName(name);
  const definition = requireString(input, 'definition');
  const role = roleArn(input);
  const type = (optionalString(input, 'type') ?? 'STANDARD') as StateMachineRecord['type'];
  if (type !== 'STANDARD' && type !== 'EXPRESS')
    throw new SfnApiError(
      'ValidationException',
      `1 validation error detected: Value '${String(type)}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`,
    );
  const versionDescription = optionalString(input, 'versionDescription');
  if (versionDescription !== undefined && input.publish !== true) {
    throw new SfnApiError('ValidationException', 'Version description can only be set when publish is true');
  }
  const def = await compileDefinition(definition);
  const arn = stateMachineArn(ctx.region, ctx.accountId, name);
  const logging = (input.loggingConfiguration as Record<string, unknown> | undefined) ?? DEFAULT_LOGGING;
  const tracing = (input.tracingConfiguration as Record<string, unknown> | undefined) ?? DEFAULT_TRACING;
  const existing = await ctx.repo.get(arn);
  if (existing) {
    // Idempotent on name, definition, type, logging and tracing; roleArn and tags differences are ignored (API reference).
    const same =
      existing.definition === definition &&
      existing.type === type &&
      JSON.stringify(existing.loggingConfiguration) === JSON.stringify(logging) &&
      JSON.stringify(existing.tracingConfiguration) === JSON.stringify(tracing);
    if (!same) throw new SfnApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    return { stateMachineArn: arn, creationDate: epochSeconds(existing.created) };
  }
  const now = ctx.clock.now();
  const sm: StateMachineRecord = {
    arn,
    name,
    type,
    definition,
    roleArn: role,
    created: now,
    updated: now,
    revisionId: randomUUID(),
    loggingConfiguration: logging,
    tracingConfiguration: tracing,
    lastVersion: 0,
  };
  const ops: KvOp[] = [...ctx.definitions.remember(def)];
  const version = input.publish === true ? publishOps(ctx, sm, versionDescription, ops) : undefined;
  ops.push(ctx.repo.putOp(sm));
  await ctx.repo.commit(ops);
  return {
    stateMachineArn: arn,
    creationDate: epochSeconds(now),
    ...(version ? { stateMachineVersionArn: version.arn } : {}),
  };
};

export const describeStateMachine: Action = async (ctx, input) => {
  const arn = requireString(input, 'stateMachineArn');
  const parsed = parseStateMachineArn(arn);
  const sm = await loadMachine(ctx, parsed.base);
  if (parsed.qualifier !== undefined) {
    if (!isVersionQualifier(parsed.qualifier))
      throw new SfnApiError('ValidationException', 'Use DescribeStateMachineAlias to describe an alias');
    const v = await ctx.repo.getVersion(sm.arn, Number(parsed.qualifier));
    if (!v) throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return {
      stateMachineArn: v.arn,
      name: sm.name,
      status: 'ACTIVE',
      definition: v.definition,
      roleArn: v.roleArn,
      type: v.type,
      creationDate: epochSeconds(v.created),
      loggingConfiguration: v.loggingConfiguration,
      tracingConfiguration: v.tracingConfiguration,
      revisionId: v.revisionId,
      ...(v.description !== undefined ? { description: v.description } : {}),
    };
  }
  return {
    stateMachineArn: sm.arn,
    name: sm.name,
    status: 'ACTIVE',
    definition: sm.definition,
    roleArn: sm.roleArn,
    type: sm.type,
    creationDate: epochSeconds(sm.created),
    loggingConfiguration: sm.loggingConfiguration,
    tracingConfiguration: sm.tracingConfiguration,
    revisionId: sm.revisionId,
  };
};

export const updateStateMachine: Action = async (ctx, input) => {
  const arn = requireString(input, 'stateMachineArn');
  const parsed = parseStateMachineArn(arn);
  if (parsed.qualifier !== undefined)
    throw new SfnApiError('ValidationException', 'Only an unqualified state machine ARN can be updated');
  const definition = optionalString(input, 'definition');
  const role = input.roleArn === undefined ? undefined : roleArn(input);
  const logging = input.loggingConfiguration as Record<string, unknown> | undefined;
  const tracing = input.tracingConfiguration as Record<string, unknown> | undefined;
  const description = optionalString(input, 'versionDescription');
  if (definition === undefined && role === undefined && logging === undefined && tracing === undefined) {
    throw new SfnApiError(
      'MissingRequiredParameter',
      'Either the definition, the roleArn, the loggingConfiguration or the tracingConfiguration must be specified',
    );
  }
  if (description !== undefined && input.publish !== true) {
    throw new SfnApiError('ValidationException', 'Version description can only be set when publish is true');
  }
  const sm = await loadMachine(ctx, parsed.base);
  const ops: KvOp[] = [];
  if (definition !== undefined) ops.push(...ctx.definitions.remember(await compileDefinition(definition)));
  const changed =
    (definition !== undefined && definition !== sm.definition) || (role !== undefined && role !== sm.roleArn);
  if (definition !== undefined) sm.definition = definition;
  if (role !== undefined) sm.roleArn = role;
  if (logging !== undefined) sm.loggingConfiguration = logging;
  if (tracing !== undefined) sm.tracingConfiguration = tracing;
  sm.updated = ctx.clock.now();
  if (changed) sm.revisionId = randomUUID();
  let versionArn: string | undefined;
  if (input.publish === true) {
    versionArn =
      sm.lastVersionRevision === sm.revisionId
        ? `${sm.arn}:${sm.lastVersion}`
        : publishOps(ctx, sm, description, ops).arn;
  }
  ops.push(ctx.repo.putOp(sm));
  await ctx.repo.commit(ops);
  return {
    updateDate: epochSeconds(sm.updated),
    revisionId: sm.revisionId,
    ...(versionArn ? { stateMachineVersionArn: versionArn } : {}),
  };
};

export const deleteStateMachine: Action = async (ctx, input) => {
  const arn = requireString(input, 'stateMachineArn');
  const parsed = parseStateMachineArn(arn);
  if (parsed.qualifier !== undefined)
    throw new SfnApiError(
      'ValidationException',
      'Use DeleteStateMachineVersion or DeleteStateMachineAlias for a qualified ARN',
    );
  if (await ctx.repo.get(parsed.base)) await ctx.repo.delete(parsed.base);
  return {};
};

export const listStateMachines: Action = async (ctx, input) => {
  const limit = pageSize(input);
  const after = decodePageToken(input);
  const all = (await ctx.repo.list())
    .sort((a, b) => (a.arn < b.arn ? -1 : 1))
    .filter((s) => after === undefined || s.arn > after);
  const page = all.slice(0, limit);
  const out: Record<string, unknown> = {
    stateMachines: page.map((s) => ({
      stateMachineArn: s.arn,
      name: s.name,
      type: s.type,
      creationDate: epochSeconds(s.created),
    })),
  };
  if (all.length > limit) out.nextToken = encodePageToken((page[page.length - 1] as StateMachineRecord).arn);
  return out;
};
