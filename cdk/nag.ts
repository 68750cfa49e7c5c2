/**
 * cdk-nag 3 (STACK.md pitfall 9): the AwsSolutions pack runs as a CDK validation plugin on the whole app, and a
 * finding is acknowledged on the construct it arises from, always with the reason in code beside it.
 */
import { Validations } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { Construct } from 'constructs';

export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
}

/** Acknowledges finding `id` (e.g. `AwsSolutions-IAM5[Resource::*]`) on `target` — a grantee's role, or a construct. */
export function acknowledge(target: IGrantable | IConstruct, id: string, reason: string): void {
  const principal = 'grantPrincipal' in target ? target.grantPrincipal : undefined;
  const scope = Construct.isConstruct(principal) ? principal : target;
  if (!Construct.isConstruct(scope)) throw new Error(`cannot acknowledge ${id}: not a construct`);
  Validations.of(scope).acknowledge({ id, reason });
}

/**
 * A string as cdk-nag prints it in finding ids: pseudo parameters as `<AWS::Partition>`, `<AWS::AccountId>` …
 * (a concrete region or account, when the stack has one, stays as it is).
 */
export function nagString(value: string): string {
  return value.replace(/\$\{Token\[AWS\.(\w+)\.\d+\]\}/g, (_m, name: string) => `<AWS::${name}>`);
}
