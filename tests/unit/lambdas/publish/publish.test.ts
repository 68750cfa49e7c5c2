/**
 * The publish Lambda: every starter workflow, resolved as the api resolves it, is publishable; anything that would
 * let a state machine reach outside cpflow — another integration, a foreign function, a dynamic function name, a
 * child outside the prefix — is refused before Step Functions is called.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorkflowEngine } from '../../../../lambdas/core/definitions/engine';
import { resolveDefinition } from '../../../../lambdas/core/definitions/workflows';
import { checkPublishable } from '../../../../lambdas/publish/guard';
import { create, stateMachineArnPrefix } from '../../../../lambdas/publish/handler';
import { workflowFunctionNames } from '../../../../lambdas/registry';

const ACCOUNT = 'arn:aws:lambda:ap-east-1:111122223333';
const arnOf = (name: string) => `${ACCOUNT}:function:cpflow-test-${name}`;
const policy = {
  functionArns: new Set([...workflowFunctionNames].map(arnOf)),
  stateMachineArnPrefix: 'arn:aws:states:ap-east-1:111122223333:stateMachine:cpflow-test-',
};
const child = (id: string) => `${policy.stateMachineArnPrefix}${id}`;
const resolve = (definition: unknown) => resolveDefinition(definition, arnOf, child);

const task = (state: Record<string, unknown>) => ({
  StartAt: 'T',
  States: { T: { Type: 'Task', End: true, ...state } },
});

describe('checkPublishable', () => {
  it('accepts every starter workflow as the api resolves it', () => {
    const files = readdirSync('workflows').filter((f) => f.endsWith('.json') && f !== 'programmes.json');
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const { definition } = JSON.parse(readFileSync(join('workflows', file), 'utf8')) as {
        definition: unknown;
      };
      expect(() => checkPublishable(resolve(definition), policy), file).not.toThrow();
    }
  });

  it.each([
    [
      'another service integration',
      task({ Resource: 'arn:aws:states:::dynamodb:deleteItem', Parameters: {} }),
    ],
    [
      'a function outside the registry',
      task({
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: `${ACCOUNT}:function:other` },
      }),
    ],
    [
      'a dynamic function name',
      task({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'FunctionName.$': '$.fn' } }),
    ],
    ['a direct Lambda ARN outside the registry', task({ Resource: `${ACCOUNT}:function:other` })],
    [
      'a child outside the prefix',
      task({
        Resource: 'arn:aws:states:::states:startExecution.sync:2',
        Parameters: { StateMachineArn: 'arn:aws:states:ap-east-1:111122223333:stateMachine:payroll' },
      }),
    ],
    ['an activity', task({ Resource: 'arn:aws:states:ap-east-1:111122223333:activity:x' })],
  ])('refuses %s', (_what, definition) => {
    expect(() => checkPublishable(definition, policy)).toThrow(/reaches outside cpflow/);
  });

  it('finds tasks inside Parallel branches and Map processors', () => {
    const nested = {
      StartAt: 'P',
      States: {
        P: {
          Type: 'Parallel',
          End: true,
          Branches: [
            {
              StartAt: 'M',
              States: {
                M: {
                  Type: 'Map',
                  End: true,
                  ItemProcessor: task({ Resource: 'arn:aws:states:::sqs:sendMessage' }),
                },
              },
            },
          ],
        },
      },
    };
    expect(() => checkPublishable(nested, policy)).toThrow(/reaches outside cpflow/);
  });
});

describe('publish handler', () => {
  const calls: string[] = [];
  const engine: Pick<WorkflowEngine, 'validate' | 'publish'> = {
    validate: async () => {
      calls.push('validate');
      return [];
    },
    publish: async (id) => {
      calls.push(`publish ${id}`);
      return { stateMachineArn: child(id), versionArn: `${child(id)}:1` };
    },
  };
  const run = create(engine, policy);

  it('validates and publishes for the api', async () => {
    await expect(run({ action: 'validate', definition: {} })).resolves.toEqual({ ok: true, value: [] });
    const definition = resolve(
      task({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'cp-classify' } }),
    );
    await expect(
      run({ action: 'publish', workflowId: 'audit-quick', definition, description: 'v1' }),
    ).resolves.toEqual({
      ok: true,
      value: { stateMachineArn: child('audit-quick'), versionArn: `${child('audit-quick')}:1` },
    });
    expect(calls).toEqual(['validate', 'publish audit-quick']);
  });

  it('answers a refusal as a domain error and never calls Step Functions', async () => {
    calls.length = 0;
    const reply = await run({ action: 'publish', workflowId: '../x', definition: {}, description: '' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const foreign = await run({
      action: 'publish',
      workflowId: 'x',
      definition: task({ Resource: 'arn:aws:states:::dynamodb:deleteItem' }),
      description: '',
    });
    expect(foreign).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED', details: [{ path: '/States/T/Resource' }] },
    });
    expect(calls).toEqual([]);
  });

  it('derives the state-machine ARN prefix from its own ARN', () => {
    expect(
      stateMachineArnPrefix(
        'arn:aws-cn:lambda:cn-north-1:111122223333:function:cpflow-prod-publish',
        'cpflow-prod-',
      ),
    ).toBe('arn:aws-cn:states:cn-north-1:111122223333:stateMachine:cpflow-prod-');
  });
});
