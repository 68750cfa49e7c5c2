/** The whole table as sorted JSON lines: tests compare it before and after bad input to prove nothing changed. */
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';

export async function tableSnapshot(
  endpoint: string,
  tableName: string,
  ignore: (item: Record<string, unknown>) => boolean = () => false,
): Promise<string[]> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const lines: string[] = [];
  let start: Record<string, any> | undefined;
  do {
    const out = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    for (const item of out.Items ?? []) {
      const plain = Object.fromEntries(Object.entries(item).map(([k, v]) => [k, JSON.stringify(v)]));
      if (!ignore(plain)) lines.push(JSON.stringify(Object.entries(plain).sort()));
    }
    start = out.LastEvaluatedKey;
  } while (start);
  client.destroy();
  return lines.sort();
}
