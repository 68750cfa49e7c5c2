/**
 * Task Lambdas in-process: the engine's invoker, bound to lambdas/registry.ts. A handler's thrown error becomes a
 * Lambda function error named after it, as on AWS; an unknown name raises Lambda.ResourceNotFoundException, which
 * the engine answers by calling LAMBDA_ENDPOINT when that is set.
 */
import { findTaskFunction } from '../lambdas/registry';
import { taskHandler } from '../lambdas/task-runtime';
import type { TaskDeps, TaskHandler } from '../lambdas/task-runtime';
import { functionName } from '../lambdas/core/definitions/asl';
import type { InvokeResult, LambdaInvoker } from './stepfunctions';

export function registryInvoker(deps: Promise<TaskDeps>): LambdaInvoker {
  const handlers = new Map<string, Promise<TaskHandler>>();
  const handlerFor = (name: string) => {
    let h = handlers.get(name);
    if (!h) {
      const def = findTaskFunction(name)!;
      h = Promise.all([def.load(), deps]).then(([mod, d]) => taskHandler(mod.create, d));
      handlers.set(name, h);
    }
    return h;
  };
  return async (nameOrArn, payload): Promise<InvokeResult> => {
    const name = functionName(nameOrArn);
    if (!findTaskFunction(name)) {
      const err = new Error(`Function not found: ${name}`);
      err.name = 'Lambda.ResourceNotFoundException';
      throw err;
    }
    try {
      return { payload: await (await handlerFor(name))(payload) };
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      return {
        functionError: {
          errorType: e.name || 'Error',
          errorMessage: e.message,
          trace: (e.stack ?? '').split('\n').slice(0, 8),
        },
      };
    }
  };
}
