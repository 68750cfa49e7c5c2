import { SfnApiError } from '../../errors.js';
import type { KvOp } from '../../store/kv.js';
import { pad } from '../../repo/keys.js';
import { epochSeconds } from '../../util/time.js';
import { isVersionQualifier, parseStateMachineArn } from '../arns.js';
import type { Action } from '../context.js';
import { decodePageToken, encodePageToken, optionalString, pageSize, requireString } from '../input.js';
import { loadMachine, publishOps } from './state-machines.js';

export const publishStateMachineVersion: Action = async (ctx, input) => {
  const arn = requireString(input, 'stateMachineArn');
  const parsed = parseStateMachineArn(arn);
  if (parsed.qualifier !== undefined)
    throw new SfnApiError('ValidationException', 'Only an unqualified state machine ARN can be published');
  const sm = await loadMachine(ctx, parsed.base);
  const revisionId = optionalString(input, 'revisionId');
  if (revisionId !== undefined && revisionId !== sm.revisionId) {
    throw new SfnApiError(
      'ConflictException',
      `Failed to publish the state machine version: revisionId '${revisionId}' is not the latest revision '${sm.revisionId}'`,
    );
  }
  // Publishing an already published revision returns that version (idempotent, per the API reference).
  if (sm.lastVersionRevision === sm.revisionId) {
    const v = await ctx.repo.getVersion(sm.arn, sm.lastVersion);
    if (v) return { creationDate: epochSeconds(v.created), stateMachineVersionArn: v.arn };
  }
  const ops: KvOp[] = [];
  const version = publishOps(ctx, sm, optionalString(input, 'description'), ops);
  ops.push(ctx.repo.putOp(sm));
  await ctx.repo.commit(ops);
  return { creationDate: epochSeconds(version.created), stateMachineVersionArn: version.arn };
};

export const listStateMachineVersions: Action = async (ctx, input) => {
  const parsed = parseStateMachineArn(requireString(input, 'stateMachineArn'));
  const sm = await loadMachine(ctx, parsed.base);
  const limit = pageSize(input);
  const after = decodePageToken(input);
  const all = (await ctx.repo.listVersions(sm.arn)).filter(
    (v) => after === undefined || pad(v.version) < after,
  );
  const page = all.slice(0, limit);
  const out: Record<string, unknown> = {
    stateMachineVersions: page.map((v) => ({
      stateMachineVersionArn: v.arn,
      creationDate: epochSeconds(v.created),
    })),
  };
  const last = page[page.length - 1];
  if (all.length > limit && last) out.nextToken = encodePageToken(pad(last.version));
  return out;
};

export const deleteStateMachineVersion: Action = async (ctx, input) => {
  const arn = requireString(input, 'stateMachineVersionArn');
  const parsed = parseStateMachineArn(arn);
  if (!isVersionQualifier(parsed.qualifier))
    throw new SfnApiError('ValidationException', 'Not a state machine version ARN');
  const aliases = await ctx.repo.listAliases(parsed.base);
  if (aliases.some((a) => a.routing.some((r) => r.stateMachineVersionArn === arn))) {
    throw new SfnApiError('ConflictException', `Version '${arn}' is referenced by an alias`);
  }
  await ctx.repo.commit([{ b: `smv:${parsed.base}`, k: pad(Number(parsed.qualifier)) }]);
  return {};
};
