/**
 * The embedded Step Functions engine: a durable ASL interpreter behind the Step Functions API (AWS JSON 1.0), so
 * `@aws-sdk/client-sfn` and the AWS CLI work against it unchanged. See docs/engine.md.
 *
 * @example
 * const engine = await startEngine({ port: 0, invoke: async (fn, payload) => ({ payload: { echoed: payload } }) });
 * const sfn = new SFNClient({ endpoint: engine.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
 */
export { startEngine } from './engine.js';
export { createRealClock, createVirtualClock } from './clock.js';
export { SfnApiError } from './errors.js';
export type {
  Clock,
  Engine,
  EngineOptions,
  ExecutionStatusChange,
  InvokeResult,
  LambdaInvoker,
  VirtualClock,
} from './contract.js';
