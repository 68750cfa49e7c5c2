import { SfnApiError } from '../errors.js';

/**
 * ARNs shaped as AWS's:
 *   arn:aws:states:<region>:<account>:stateMachine:<name>[:<version>|:<alias>]
 *   arn:aws:states:<region>:<account>:execution:<stateMachineName>:<executionName>
 */
export interface StateMachineArn {
  /** The unqualified state machine ARN. */
  base: string;
  name: string;
  /** Version number or alias name, if qualified. */
  qualifier?: string;
}

const SM = /^arn:aws[a-z-]*:states:([a-z0-9-]+):(\d{12}):stateMachine:([^:]+)(?::([^:]+))?$/;
const EXEC = /^arn:aws[a-z-]*:states:([a-z0-9-]+):(\d{12}):execution:([^:]+):([^:]+)$/;

export function stateMachineArn(region: string, account: string, name: string): string {
  return `arn:aws:states:${region}:${account}:stateMachine:${name}`;
}

export function parseStateMachineArn(arn: unknown): StateMachineArn {
  if (typeof arn !== 'string') throw new SfnApiError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
  const m = SM.exec(arn);
  if (!m) {
    const kind = /^arn:aws[a-z-]*:states:[^:]*:[^:]*:([^:]+):/.exec(arn)?.[1];
    throw new SfnApiError(
      'InvalidArn',
      kind
        ? `Invalid Arn: 'Resource type not valid in this context: ${kind}'`
        : `Invalid Arn: 'Invalid ARN prefix: ${arn}'`,
    );
  }
  const [, region, account, name, qualifier] = m as unknown as [
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  const base = `arn:aws:states:${region}:${account}:stateMachine:${name}`;
  return qualifier === undefined ? { base, name } : { base, name, qualifier };
}

export function parseExecutionArn(arn: unknown): { smArn: string; name: string } {
  if (typeof arn !== 'string') throw new SfnApiError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
  const m = EXEC.exec(arn);
  if (!m) {
    const kind = /^arn:aws[a-z-]*:states:[^:]*:[^:]*:([^:]+):/.exec(arn)?.[1];
    throw new SfnApiError(
      'InvalidArn',
      kind
        ? `Invalid Arn: 'Resource type not valid in this context: ${kind}'`
        : `Invalid Arn: 'Invalid ARN prefix: ${arn}'`,
    );
  }
  const [, region, account, smName, name] = m as unknown as [string, string, string, string, string];
  return { smArn: stateMachineArn(region, account, smName), name };
}

export function isVersionQualifier(q: string | undefined): q is string {
  return q !== undefined && /^\d+$/.test(q);
}
