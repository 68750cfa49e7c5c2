import { isVersionQualifier, parseStateMachineArn } from '../api/arns.js';
import type { CompiledDefinition } from '../asl/definition.js';
import { compileTrusted } from '../asl/definition.js';
import { SfnApiError } from '../errors.js';
import type { StateMachineRepo } from './state-machines.js';

/** What StartExecution runs: the state machine, and the version (and alias) it was reached through. */
export interface Target {
  smArn: string;
  versionArn?: string;
  aliasArn?: string;
  roleArn: string;
  def: CompiledDefinition;
}

/**
 * Resolves an unqualified, version or alias ARN. An alias routes to one of its versions by weight.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-state-machine-alias.html
 */
export async function resolveTarget(
  repo: StateMachineRepo,
  arn: string,
  random: () => number = Math.random,
): Promise<Target> {
  const parsed = parseStateMachineArn(arn);
  const sm = await repo.get(parsed.base);
  const missing = (): SfnApiError =>
    new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
  if (!sm) throw missing();
  if (parsed.qualifier === undefined) {
    return { smArn: sm.arn, roleArn: sm.roleArn, def: compiledFor(sm.arn, sm.revisionId, sm.definition) };
  }
  let versionArn = arn;
  let aliasArn: string | undefined;
  if (!isVersionQualifier(parsed.qualifier)) {
    const alias = await repo.getAlias(sm.arn, parsed.qualifier);
    if (!alias) throw new SfnApiError('ResourceNotFound', `Resource not found: '${arn}'`);
    aliasArn = alias.arn;
    versionArn = pickVersion(alias.routing, random);
  }
  const version = await repo.getVersion(sm.arn, Number(parseStateMachineArn(versionArn).qualifier));
  if (!version) throw missing();
  const target: Target = {
    smArn: sm.arn,
    versionArn,
    roleArn: version.roleArn,
    def: compiledFor(version.arn, version.revisionId, version.definition),
  };
  if (aliasArn) target.aliasArn = aliasArn;
  return target;
}

/** Compiled definitions by ARN and revision: StartExecution then skips hashing the definition text. */
const byRevision = new Map<string, CompiledDefinition>();

function compiledFor(arn: string, revision: string, text: string): CompiledDefinition {
  const key = `${arn}#${revision}`;
  let def = byRevision.get(key);
  if (!def) {
    def = compileTrusted(text);
    if (byRevision.size > 1000) byRevision.clear();
    byRevision.set(key, def);
  }
  return def;
}

function pickVersion(
  routing: Array<{ stateMachineVersionArn: string; weight: number }>,
  random: () => number,
): string {
  const total = routing.reduce((s, r) => s + r.weight, 0);
  let roll = random() * total;
  for (const r of routing) {
    roll -= r.weight;
    if (roll < 0) return r.stateMachineVersionArn;
  }
  return (routing[routing.length - 1] as { stateMachineVersionArn: string }).stateMachineVersionArn;
}
