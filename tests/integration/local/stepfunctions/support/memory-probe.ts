/**
 * Starts an in-memory engine, runs an execution, and prints whether classic-level (LevelDB) was loaded. The
 * engine is bundled into the api Lambda for dry runs, where the native module must never be required.
 */
import { createRequire } from 'node:module';
import { startEngine } from '../../../../../local/stepfunctions/index.js';

const require = createRequire(import.meta.url);
const engine = await startEngine({ port: 0, invoke: async () => ({ payload: 'ok' }) });
const { stateMachineArn } = await engine.call('CreateStateMachine', {
  name: 'probe',
  definition: JSON.stringify({
    StartAt: 'T',
    States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', End: true } },
  }),
  roleArn: 'arn:aws:iam::123456789012:role/probe',
});
const { executionArn } = await engine.call('StartExecution', { stateMachineArn });
await engine.idle();
const { status } = await engine.call('DescribeExecution', { executionArn });
const loaded = Object.keys(require.cache).some((k) => k.includes('classic-level'));
process.stdout.write(JSON.stringify({ status, classicLevelLoaded: loaded }) + '\n');
await engine.close();
