import { SfnApiError } from '../../errors.js';
import type { AliasRecord } from '../../repo/state-machines.js';
import { epochSeconds } from '../../util/time.js';
import { isVersionQualifier, parseStateMachineArn } from '../arns.js';
import type { Action, ApiContext } from '../context.js';
import { checkName, optionalString, requireString } from '../input.js';
import { loadMachine } from './state-machines.js';

type Routing = AliasRecord['routing'];

/** One or two versions of the same state machine, weights summing to 100 (CreateStateMachineAlias reference). */
async function checkRouting(ctx: ApiContext, value: unknown): Promise<{ smArn: string; routing: Routing }> {
  if (!Array.isArray(value) || value.length < 1 || value.length > 2) {
    throw new SfnApiError('ValidationException', 'routingConfiguration must list one or two versions');
  }
  const routing: Routing = value.map((r: { stateMachineVersionArn?: unknown; weight?: unknown }) => ({
    stateMachineVersionArn: String(r.stateMachineVersionArn),
    weight: Number(r.weight),
  }));
  const bases = new Set<string>();
  for (const r of routing) {
    const parsed = parseStateMachineArn(r.stateMachineVersionArn);
    if (!isVersionQualifier(parsed.qualifier))
      throw new SfnApiError('ValidationException', `'${r.stateMachineVersionArn}' is not a version ARN`);
    bases.add(parsed.base);
    const sm = await loadMachine(ctx, parsed.base);
    if (!(await ctx.repo.getVersion(sm.arn, Number(parsed.qualifier)))) {
      throw new SfnApiError('ResourceNotFound', `Resource not found: '${r.stateMachineVersionArn}'`);
    }
    if (!Number.isInteger(r.weight) || r.weight < 0 || r.weight > 100)
      throw new SfnApiError('ValidationException', 'weight must be 0 to 100');
  }
  if (bases.size !== 1)
    throw new SfnApiError('ValidationException', 'All routed versions must belong to the same state machine');
  if (routing.reduce((s, r) => s + r.weight, 0) !== 100)
    throw new SfnApiError('ValidationException', 'The weights must sum to 100');
  return { smArn: [...bases][0] as string, routing };
}

async function loadAlias(ctx: ApiContext, arn: string): Promise<AliasRecord> {
  const parsed = parseStateMachineArn(arn);
  const alias =
    parsed.qualifier !== undefined && !isVersionQualifier(parsed.qualifier)
      ? await ctx.repo.getAlias(parsed.base, parsed.qualifier)
      : undefined;
  if (!alias) throw new SfnApiError('ResourceNotFound', `Resource not found: '${arn}'`);
  return alias;
}

export const createStateMachineAlias: Action = async (ctx, input) => {
  const name = requireString(input, 'name');
  checkName(name);
  if (/^\d+$/.test(name)) throw new SfnApiError('ValidationException', 'An alias name cannot be only digits');
  const { smArn, routing } = await checkRouting(ctx, input.routingConfiguration);
  const description = optionalString(input, 'description');
  const existing = await ctx.repo.getAlias(smArn, name);
  if (existing) {
    if (
      JSON.stringify(existing.routing) === JSON.stringify(routing) &&
      existing.description === description
    ) {
      return { stateMachineAliasArn: existing.arn, creationDate: epochSeconds(existing.created) };
    }
    throw new SfnApiError(
      'ConflictException',
      `An alias named '${name}' already exists with a different configuration`,
    );
  }
  const now = ctx.clock.now();
  const alias: AliasRecord = { arn: `${smArn}:${name}`, smArn, name, routing, created: now, updated: now };
  if (description !== undefined) alias.description = description;
  await ctx.repo.commit([ctx.repo.aliasOp(alias)]);
  return { stateMachineAliasArn: alias.arn, creationDate: epochSeconds(now) };
};

export const describeStateMachineAlias: Action = async (ctx, input) => {
  const alias = await loadAlias(ctx, requireString(input, 'stateMachineAliasArn'));
  return {
    stateMachineAliasArn: alias.arn,
    name: alias.name,
    ...(alias.description !== undefined ? { description: alias.description } : {}),
    routingConfiguration: alias.routing,
    creationDate: epochSeconds(alias.created),
    updateDate: epochSeconds(alias.updated),
  };
};

export const updateStateMachineAlias: Action = async (ctx, input) => {
  const alias = await loadAlias(ctx, requireString(input, 'stateMachineAliasArn'));
  const description = optionalString(input, 'description');
  if (description === undefined && input.routingConfiguration === undefined) {
    throw new SfnApiError(
      'ValidationException',
      'Either the description or the routingConfiguration must be specified',
    );
  }
  if (input.routingConfiguration !== undefined) {
    const { smArn, routing } = await checkRouting(ctx, input.routingConfiguration);
    if (smArn !== alias.smArn)
      throw new SfnApiError('ValidationException', 'Routed versions must belong to the alias state machine');
    alias.routing = routing;
  }
  if (description !== undefined) alias.description = description;
  alias.updated = ctx.clock.now();
  await ctx.repo.commit([ctx.repo.aliasOp(alias)]);
  return { updateDate: epochSeconds(alias.updated) };
};

export const deleteStateMachineAlias: Action = async (ctx, input) => {
  const alias = await loadAlias(ctx, requireString(input, 'stateMachineAliasArn'));
  await ctx.repo.commit([{ b: `sma:${alias.smArn}`, k: alias.name }]);
  return {};
};

export const listStateMachineAliases: Action = async (ctx, input) => {
  const parsed = parseStateMachineArn(requireString(input, 'stateMachineArn'));
  const sm = await loadMachine(ctx, parsed.base);
  const aliases = await ctx.repo.listAliases(sm.arn);
  return {
    stateMachineAliases: aliases.map((a) => ({
      stateMachineAliasArn: a.arn,
      creationDate: epochSeconds(a.created),
    })),
  };
};
