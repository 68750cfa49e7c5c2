import type { KvOp } from '../store/kv.js';
import type { Committer } from '../store/committer.js';
import { aliasBucket, BUCKET, pad, versionBucket } from './keys.js';

/** Stored state machines, versions and aliases (few; cached in memory after first read). */
export interface StateMachineRecord {
  arn: string;
  name: string;
  type: 'STANDARD' | 'EXPRESS';
  definition: string;
  roleArn: string;
  created: number;
  updated: number;
  revisionId: string;
  description?: string;
  loggingConfiguration: Record<string, unknown>;
  tracingConfiguration: Record<string, unknown>;
  /** Highest version number published so far (0: none). */
  lastVersion: number;
  /** revisionId the highest version was published from. */
  lastVersionRevision?: string;
}

export interface VersionRecord {
  arn: string;
  smArn: string;
  version: number;
  type: StateMachineRecord['type'];
  definition: string;
  roleArn: string;
  revisionId: string;
  description?: string;
  created: number;
  loggingConfiguration: Record<string, unknown>;
  tracingConfiguration: Record<string, unknown>;
}

export interface AliasRecord {
  arn: string;
  smArn: string;
  name: string;
  description?: string;
  routing: Array<{ stateMachineVersionArn: string; weight: number }>;
  created: number;
  updated: number;
}

export class StateMachineRepo {
  private readonly machines = new Map<string, StateMachineRecord | null>();

  constructor(private readonly store: Committer) {}

  async get(arn: string): Promise<StateMachineRecord | undefined> {
    if (this.machines.has(arn)) return this.machines.get(arn) ?? undefined;
    const text = await this.store.get(BUCKET.stateMachines, arn);
    const rec = text === undefined ? null : (JSON.parse(text) as StateMachineRecord);
    this.machines.set(arn, rec);
    return rec ?? undefined;
  }

  async list(): Promise<StateMachineRecord[]> {
    const rows = await this.store.list(BUCKET.stateMachines);
    return rows.map(([, v]) => JSON.parse(v) as StateMachineRecord);
  }

  putOp(rec: StateMachineRecord): KvOp {
    this.machines.set(rec.arn, rec);
    return { b: BUCKET.stateMachines, k: rec.arn, v: JSON.stringify(rec) };
  }

  async delete(arn: string): Promise<void> {
    const ops: KvOp[] = [{ b: BUCKET.stateMachines, k: arn }];
    for (const [k] of await this.store.list(versionBucket(arn))) ops.push({ b: versionBucket(arn), k });
    for (const [k] of await this.store.list(aliasBucket(arn))) ops.push({ b: aliasBucket(arn), k });
    this.machines.set(arn, null);
    await this.store.commit(ops);
  }

  async getVersion(smArn: string, version: number): Promise<VersionRecord | undefined> {
    const text = await this.store.get(versionBucket(smArn), pad(version));
    return text === undefined ? undefined : (JSON.parse(text) as VersionRecord);
  }

  versionOp(rec: VersionRecord): KvOp {
    return { b: versionBucket(rec.smArn), k: pad(rec.version), v: JSON.stringify(rec) };
  }

  /** Newest first. */
  async listVersions(smArn: string): Promise<VersionRecord[]> {
    const rows = await this.store.list(versionBucket(smArn), { reverse: true });
    return rows.map(([, v]) => JSON.parse(v) as VersionRecord);
  }

  async getAlias(smArn: string, name: string): Promise<AliasRecord | undefined> {
    const text = await this.store.get(aliasBucket(smArn), name);
    return text === undefined ? undefined : (JSON.parse(text) as AliasRecord);
  }

  aliasOp(rec: AliasRecord): KvOp {
    return { b: aliasBucket(rec.smArn), k: rec.name, v: JSON.stringify(rec) };
  }

  async listAliases(smArn: string): Promise<AliasRecord[]> {
    const rows = await this.store.list(aliasBucket(smArn));
    return rows.map(([, v]) => JSON.parse(v) as AliasRecord);
  }

  async commit(ops: KvOp[]): Promise<void> {
    await this.store.commit(ops);
  }
}
