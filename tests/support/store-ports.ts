/**
 * Core ports over a fresh embedded store with one table — the set-up of the tests that drive core functions
 * against the store directly, without the API or the engine.
 */
import { createDb, createDynamoClient } from '../../lambdas/adapters/dynamodb';
import { randomIds } from '../../lambdas/adapters/ids';
import type { Ports } from '../../lambdas/core/ports';
import { ensureTable, startEmbeddedDynamo } from '../../local/dynamodb';

export async function startStorePorts(tableName: string): Promise<{ ports: Ports; close(): Promise<void> }> {
  const server = await startEmbeddedDynamo({ port: 0 });
  const client = createDynamoClient({ endpoint: server.endpoint, region: 'us-east-1' });
  await ensureTable(client, tableName);
  return {
    ports: { db: createDb(client, tableName), clock: { now: () => Date.now() }, ids: randomIds },
    async close() {
      client.destroy();
      await server.close();
    },
  };
}
