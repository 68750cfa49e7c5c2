import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ApiContext } from './api/context.js';
import { dispatch } from './api/router.js';
import { createApiServer } from './api/server.js';
import { createRealClock } from './clock.js';
import type { Engine, EngineOptions } from './contract.js';
import { SfnApiError } from './errors.js';
import { BUCKET } from './repo/keys.js';
import { StateMachineRepo } from './repo/state-machines.js';
import { resolveTarget } from './repo/targets.js';
import { DefinitionStore } from './runtime/definitions.js';
import { performEffect } from './runtime/effects.js';
import { ExecutionManager } from './runtime/manager.js';
import { Outbox } from './runtime/outbox.js';
import type { PumpEnv } from './runtime/pump.js';
import type { ExecRecord, ParentLink } from './runtime/types.js';
import { WorkTracker } from './runtime/work.js';
import { Scheduler } from './scheduler.js';
import { Committer } from './store/committer.js';
import type { Kv } from './store/kv.js';
import { MemoryKv } from './store/memory.js';
import { childEnvelope } from './tasks/child.js';
import { newSecret, TokenSigner } from './util/tokens.js';

/**
 * Composition root of the engine: store, scheduler, execution manager, API server. With `dataDir`, state lives in
 * LevelDB under `<dataDir>/stepfunctions` and running executions resume on start; without it, in memory.
 */
export async function startEngine(options: EngineOptions): Promise<Engine> {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const clock = options.clock ?? createRealClock();
  const kv: Kv = options.dataDir
    ? await (await import('./store/level.js')).openLevelKv(join(options.dataDir, 'stepfunctions'))
    : new MemoryKv();
  const store = new Committer(kv);
  const tokens = new TokenSigner(await loadSecret(store));
  const work = new WorkTracker(clock);
  const scheduler = new Scheduler(clock);
  const repo = new StateMachineRepo(store);
  const definitions = new DefinitionStore(store);
  const env: PumpEnv = {
    clock,
    region,
    accountId,
    random: Math.random,
    newToken: () => tokens.issue(),
    notify: !!options.onExecutionStatusChange,
  };
  const targets = (arn: string): ReturnType<typeof resolveTarget> => resolveTarget(repo, arn);
  const outbox = new Outbox(store, work, {
    ...(options.onExecutionStatusChange ? { status: options.onExecutionStatusChange } : {}),
    parent: (link, child) => notifyParent(manager, link, child),
  });
  const effectDeps = {
    lambda: {
      invoke: options.invoke,
      region,
      accountId,
      ...(options.lambdaEndpoint ? { lambdaEndpoint: options.lambdaEndpoint } : {}),
    },
    resolveTarget: targets,
  };
  const manager: ExecutionManager = new ExecutionManager({
    store,
    definitions,
    scheduler,
    env,
    work,
    outbox,
    region,
    accountId,
    perform: (m, x, effect) => performEffect(effectDeps, m, x, effect),
  });
  const ctx: ApiContext = {
    region,
    accountId,
    clock,
    store,
    repo,
    definitions,
    manager,
    tokens,
    resolveTarget: targets,
  };
  const call = (action: string, input: Record<string, unknown>): Promise<Record<string, unknown>> =>
    dispatch(ctx, action, input);

  await manager.indexKnown();
  await outbox.restore();
  for (const [arn] of await store.list(BUCKET.running)) await manager.recover(arn);

  const server = createApiServer(call, work);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8083, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closed = false;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    idle: () => work.idle(),
    call,
    async close() {
      if (closed) return;
      closed = true;
      manager.close();
      scheduler.close();
      outbox.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.drain();
      await kv.close();
    },
  };
}

async function loadSecret(store: Committer): Promise<Buffer> {
  const stored = await store.get(BUCKET.meta, 'tokenSecret');
  if (stored) return Buffer.from(stored, 'base64');
  const secret = newSecret();
  await store.commit([{ b: BUCKET.meta, k: 'tokenSecret', v: secret.toString('base64') }]);
  return secret;
}

/** A `.sync` child ended: hand its DescribeExecution envelope to the waiting parent task. */
async function notifyParent(manager: ExecutionManager, link: ParentLink, childArn: string): Promise<void> {
  const child: ExecRecord | undefined = await manager.peek(childArn);
  if (!child || child.status === 'RUNNING') return;
  await manager.deliver(link.arn, {
    t: 'child',
    run: link.run,
    attempt: link.attempt,
    child: { status: child.status, envelope: childEnvelope(child, link.mode) },
  });
}

export { SfnApiError };
