/**
 * The DynamoDB servers the data-layer suite runs against: always the embedded dynalite; AWS DynamoDB Local too
 * when Java is present — and then it must be: CI sets CPFLOW_REQUIRE_DYNAMODB_LOCAL=1 so a missing Java fails.
 */
import { startEmbeddedDynamo } from '../../local/dynamodb';
import { javaAvailable, startDynamoDbLocal } from './dynamodb-local';

export interface Target {
  name: string;
  start(): Promise<{
    endpoint: string;
    close(): Promise<void>;
    /** The embedded store's own channel (no socket), where the server has one. */
    send?: (op: string, body: string) => Promise<{ status: number; text: string }>;
  }>;
  /** Whether `start` gives the channel (`send`). */
  channel?: boolean;
}

export function dynamoTargets(): Target[] {
  const targets: Target[] = [
    { name: 'embedded dynalite', start: () => startEmbeddedDynamo({ port: 0 }), channel: true },
  ];
  const required = process.env.CPFLOW_REQUIRE_DYNAMODB_LOCAL === '1';
  if (javaAvailable() || required) targets.push({ name: 'AWS DynamoDB Local', start: startDynamoDbLocal });
  else console.warn('Java not found: the DynamoDB Local compatibility run is skipped here (CI requires it)');
  return targets;
}
