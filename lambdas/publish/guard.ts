/**
 * What the publish Lambda lets into a state machine, whoever asks: the api validated the definition already
 * (workflow-checks.ts), but the api faces the internet and this Lambda holds the CreateStateMachine right, so it
 * checks the few things that decide what a published machine can reach. IAM bounds the same things once more
 * (the state-machine role invokes only the registered functions and starts only machines under the prefix).
 */
import { ValidationError } from '../core/errors';

export interface PublishPolicy {
  /** Deployed ARNs of the task functions a workflow may invoke. */
  functionArns: ReadonlySet<string>;
  /** ARNs of the state machines a workflow may start as children begin with this. */
  stateMachineArnPrefix: string;
}

/** Service integrations a cpflow workflow uses (ARCHITECTURE §5: lambda tasks, human steps, child workflows). */
const INTEGRATIONS = new Set([
  'lambda:invoke',
  'lambda:invoke.waitForTaskToken',
  'states:startExecution',
  'states:startExecution.sync',
  'states:startExecution.sync:2',
  'states:startExecution.waitForTaskToken',
]);

/** `arn:<partition>:states:::lambda:invoke` → `lambda:invoke` (any partition: aws, aws-cn …). */
const integrationOf = (resource: string) => /^arn:aws[a-z-]*:states:::(.+)$/.exec(resource)?.[1];

export const WORKFLOW_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Throws ValidationError listing every Task that reaches outside the policy. */
export function checkPublishable(definition: unknown, policy: PublishPolicy): void {
  const problems: { path: string; message: string }[] = [];
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}/${i}`));
    if (typeof node !== 'object' || node === null) return;
    const obj = node as Record<string, unknown>;
    if (obj.Type === 'Task') checkTask(obj, path, policy, problems);
    for (const [k, v] of Object.entries(obj))
      walk(v, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  };
  walk(definition, '');
  if (problems.length) throw new ValidationError('the definition reaches outside cpflow', problems);
}

function checkTask(
  state: Record<string, unknown>,
  at: string,
  policy: PublishPolicy,
  problems: { path: string; message: string }[],
): void {
  const resource = String(state.Resource ?? '');
  const params = (typeof state.Parameters === 'object' && state.Parameters) || {};
  const p = params as Record<string, unknown>;
  if (/^arn:aws[a-z-]*:lambda:/.test(resource)) {
    if (!policy.functionArns.has(resource.replace(/:\$LATEST$/, ''))) {
      problems.push({ path: `${at}/Resource`, message: 'not a registered task function' });
    }
    return;
  }
  const integration = integrationOf(resource);
  if (!integration || !INTEGRATIONS.has(integration)) {
    problems.push({ path: `${at}/Resource`, message: `integration ${resource} is not allowed` });
    return;
  }
  if (integration.startsWith('lambda:')) {
    if (typeof p.FunctionName !== 'string' || !policy.functionArns.has(p.FunctionName)) {
      problems.push({ path: `${at}/Parameters/FunctionName`, message: 'not a registered task function' });
    }
  } else if (
    typeof p.StateMachineArn !== 'string' ||
    !p.StateMachineArn.startsWith(policy.stateMachineArnPrefix)
  ) {
    problems.push({ path: `${at}/Parameters/StateMachineArn`, message: 'not a cpflow workflow' });
  }
}
