/**
 * Synthesises the stack for the CDK tests: placeholder Lambda code (bundles are built and measured by
 * `npm run bench`), the AwsSolutions cdk-nag pack, and the template read back from the cloud assembly.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { configFromContext } from '../../../cdk/config';
import { placeholderCode } from '../../../cdk/lambda/code';
import { addNagChecks } from '../../../cdk/nag';
import type { CpflowStackProps } from '../../../cdk/stack';
import { CpflowStack } from '../../../cdk/stack';
import { functionName } from '../../../lambdas/core/definitions/asl';

export interface Synthesised {
  stack: CpflowStack;
  template: Template;
  /** The cdk-nag and CloudFormation validation report, when the CDK wrote one. */
  report?: { pluginReports: { pluginName: string; conclusion: string; violations: unknown[] }[] };
}

export function synth(
  context: Record<string, string>,
  opts: { validate?: boolean; props?: Partial<CpflowStackProps>; mutate?: (stack: CpflowStack) => void } = {},
): Synthesised {
  const outdir = mkdtempSync(join(tmpdir(), 'cpflow-cdk-'));
  const app = new App({ outdir, context, builtinCloudFormationValidation: opts.validate ?? false });
  const config = configFromContext(app.node);
  const stack = new CpflowStack(app, `cpflow-${config.stage}`, {
    config,
    code: placeholderCode,
    catalogueNonce: 'test',
    env: { region: 'ap-southeast-1' },
    ...opts.props,
  });
  opts.mutate?.(stack);
  addNagChecks(app);
  const assembly = app.synth(); // throws when a cdk-nag finding is not acknowledged
  const template = Template.fromJSON(assembly.getStackByName(stack.stackName).template as object);
  const reportFile = readdirSync(outdir).find((f) => f === 'validation-report.json');
  return {
    stack,
    template,
    ...(reportFile ? { report: JSON.parse(readFileSync(join(outdir, reportFile), 'utf8')) } : {}),
  };
}

type Resource = { Type: string; Properties?: Record<string, unknown> };

/** Logical id → function name of every Lambda in the template. */
export function functionNamesById(template: Template): Map<string, string> {
  const fns = template.findResources('AWS::Lambda::Function') as Record<string, Resource>;
  return new Map(
    Object.entries(fns).map(([id, r]) => [id, String(r.Properties?.FunctionName ?? id)] as [string, string]),
  );
}

/** The statements of the policies attached to the role with this logical id. */
export function statementsOf(template: Template, roleId: string): Record<string, unknown>[] {
  const policies = template.findResources('AWS::IAM::Policy') as Record<string, Resource>;
  return Object.values(policies)
    .filter((p) => (p.Properties?.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement);
}

export function roleIdOf(template: Template, functionLogicalId: string): string {
  const fn = template.findResources('AWS::Lambda::Function')[functionLogicalId] as Resource;
  return (fn.Properties?.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
}

export const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Every FunctionName (logical name) a Task state of the starter workflows names, with where. */
export function starterFunctionNames(root = 'workflows'): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const visit = (node: unknown, where: string) => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${where}/${i}`));
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    if (o.Type === 'Task') {
      const params = (o.Parameters ?? {}) as Record<string, unknown>;
      const resource = String(o.Resource ?? '');
      const name =
        typeof params.FunctionName === 'string'
          ? params.FunctionName
          : resource.startsWith('arn:aws:lambda:')
            ? resource
            : undefined;
      if (name) out.set(functionName(name), [...(out.get(functionName(name)) ?? []), where]);
    }
    for (const [k, v] of Object.entries(o)) visit(v, `${where}/${k}`);
  };
  for (const file of readdirSync(root).filter((f) => f.endsWith('.json') && f !== 'programmes.json')) {
    visit(JSON.parse(readFileSync(join(root, file), 'utf8')), file);
  }
  return out;
}
