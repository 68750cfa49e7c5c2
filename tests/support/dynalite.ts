/**
 * dynalite with cpflow's store changes (local/dynalite-store.mjs), in the test's own process: the tests of those
 * changes reach into its store and LevelDB, which the worker of `npm start` keeps to itself.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClassicLevel } from 'classic-level';
import { CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { createDynalite } from '../../local/dynalite-store.mjs';

/** Listens on a loopback port and returns an SDK client for it. */
export async function sdkFor(server: Server, config: DynamoDBClientConfig = {}): Promise<DynamoDBClient> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return new DynamoDBClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    ...config,
  });
}

/** The patched dynalite on a store (in memory without `path`), not listening yet; its store and LevelDB. */
export function dynaliteStore(path?: string) {
  const server = createDynalite({ ...(path ? { path } : {}), createTableMs: 0 });
  // the store's LevelDB, whose callback methods dynalite wraps; called without a callback they return promises
  const level = server.store.db as unknown as ClassicLevel<string, any>;
  return { server, store: server.store, level };
}

/**
 * A table keyed by `PK` (and `SK` with `range`), with one index `ByG` on `G` projecting whole items; returns once it
 * is ACTIVE (dynalite answers requests on a table still CREATING with ResourceNotFoundException, and on a loaded
 * machine its switch to ACTIVE can come after the next request).
 */
export async function createTableByG(sdk: DynamoDBClient, tableName: string, range = false): Promise<void> {
  await sdk.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'PK', AttributeType: 'S' },
        ...(range ? [{ AttributeName: 'SK', AttributeType: 'S' as const }] : []),
        { AttributeName: 'G', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        ...(range ? [{ AttributeName: 'SK', KeyType: 'RANGE' as const }] : []),
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'ByG',
          KeySchema: [{ AttributeName: 'G', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  await waitUntilTableExists({ client: sdk, maxWaitTime: 60, minDelay: 1 }, { TableName: tableName });
}

/**
 * Counts the LevelDB gets made through `level`'s own class methods: queued to libuv's thread pool (`_get`) and on the
 * calling thread (`_getSync`, docs/decisions.md D27). `restore` puts the class's methods back.
 */
export function countGets(level: object) {
  const counted = { queued: 0, inline: 0 };
  const inner = level as Record<'_get' | '_getSync', (...args: unknown[]) => unknown>;
  const { _get, _getSync } = inner;
  inner._get = function (...args) {
    counted.queued++;
    return _get.apply(this, args);
  };
  inner._getSync = function (...args) {
    counted.inline++;
    return _getSync.apply(this, args);
  };
  const restore = () => {
    delete (inner as Partial<typeof inner>)._get;
    delete (inner as Partial<typeof inner>)._getSync;
  };
  return { counted, restore };
}
