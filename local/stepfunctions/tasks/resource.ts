/**
 * Task resources the engine runs. Everything else (activities, other service integrations) is accepted in a
 * definition, as AWS accepts it, but fails at run time with States.Runtime naming the resource.
 */
export type Resource =
  | { kind: 'lambda'; pattern: 'request' | 'token'; resourceType: 'lambda'; resource: string }
  | { kind: 'lambdaArn'; arn: string; fn: string; resourceType: 'lambda'; resource: string }
  | { kind: 'sfn'; pattern: 'request' | 'sync' | 'sync2' | 'token'; resourceType: 'states'; resource: string }
  | { kind: 'unsupported'; resourceType: string; resource: string };

const cache = new Map<string, Resource>();

export function parseResource(arn: string): Resource {
  let r = cache.get(arn);
  if (!r) {
    r = parse(arn);
    cache.set(arn, r);
  }
  return r;
}

function parse(arn: string): Resource {
  const integration = /^arn:aws[a-z-]*:states:::([a-z0-9-]+):(.+)$/.exec(arn);
  if (integration) {
    const [, service, action] = integration as unknown as [string, string, string];
    if (service === 'lambda' && action === 'invoke')
      return { kind: 'lambda', pattern: 'request', resourceType: 'lambda', resource: action };
    if (service === 'lambda' && action === 'invoke.waitForTaskToken') {
      return { kind: 'lambda', pattern: 'token', resourceType: 'lambda', resource: action };
    }
    if (service === 'states') {
      const pattern = (
        {
          startExecution: 'request',
          'startExecution.sync': 'sync',
          'startExecution.sync:2': 'sync2',
          'startExecution.waitForTaskToken': 'token',
        } as const
      )[action];
      if (pattern) return { kind: 'sfn', pattern, resourceType: 'states', resource: action };
    }
    return { kind: 'unsupported', resourceType: service, resource: action };
  }
  const fn = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([^:]+)(:[^:]+)?$/.exec(arn);
  if (fn) return { kind: 'lambdaArn', arn, fn: fn[1] as string, resourceType: 'lambda', resource: arn };
  return { kind: 'unsupported', resourceType: 'unknown', resource: arn };
}

/**
 * The function name in a FunctionName given as a name (`my-fn`, `my-fn:alias`), a function ARN or a partial ARN
 * (`123456789012:function:my-fn`), the forms Lambda's Invoke accepts.
 */
export function functionName(value: string): string {
  const full = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:([^:]+)/.exec(value);
  if (full) return full[1] as string;
  const partial = /^\d{12}:function:([^:]+)/.exec(value);
  if (partial) return partial[1] as string;
  return value.split(':')[0] as string;
}
