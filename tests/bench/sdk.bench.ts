/**
 * What one SDK call costs, and how much of it is SigV4 signing (docs/decisions.md D10): GetItem through
 * @aws-sdk/client-dynamodb against a canned HTTP server (isolates the client), signed and unsigned, 8 in flight.
 */
import { createServer } from 'node:http';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '../../lambdas/adapters/dynamodb';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
    res.end('{"Item":{"PK":{"S":"a"},"SK":{"S":"b"},"x":{"S":"hello"}}}');
  });
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

async function rate(client: DynamoDBClient): Promise<number> {
  const call = () =>
    client.send(new GetItemCommand({ TableName: 'tbl', Key: { PK: { S: 'a' }, SK: { S: 'b' } } }));
  for (let i = 0; i < 300; i++) await call();
  const n = 3000;
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next++ < n) await call();
    }),
  );
  return Math.round(n / ((performance.now() - t) / 1000));
}

const rows: Record<string, { signed: number; unsigned: number }> = {};
for (let round = 1; round <= 3; round++) {
  rows[`round ${round}`] = {
    signed: await rate(createDynamoClient({ endpoint, region: 'us-east-1' })),
    unsigned: await rate(createDynamoClient({ endpoint, region: 'us-east-1', unsigned: true })),
  };
}
console.log('SDK GetItem calls/s against a canned server (client cost only), 8 in flight:');
console.table(rows);
server.close();
process.exit(0);
