import {
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineAliasCommand,
  DescribeStateMachineCommand,
  InvalidArn,
  InvalidDefinition,
  InvalidName,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  ListStateMachineVersionsCommand,
  PublishStateMachineVersionCommand,
  StartExecutionCommand,
  StateMachineAlreadyExists,
  StateMachineDoesNotExist,
  UpdateStateMachineAliasCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestEngine } from './support/engine.js';
import { ROLE, output, testEngine } from './support/engine.js';

/**
 * State machine, version and alias actions, through @aws-sdk/client-sfn (typed exceptions prove the `__type`
 * mapping). API reference: https://docs.aws.amazon.com/step-functions/latest/apireference/API_Operations.html
 */
const passDef = (result: string): string =>
  JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', Result: result, End: true } } });

describe('state machine API', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await testEngine();
  });
  afterAll(() => t.close());

  it('creates, describes and lists state machines with AWS-shaped ARNs', async () => {
    const created = await t.sfn.send(
      new CreateStateMachineCommand({ name: 'orders', definition: passDef('v1'), roleArn: ROLE }),
    );
    expect(created.stateMachineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:orders');
    expect(created.creationDate).toBeInstanceOf(Date);
    const d = await t.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    expect(d).toMatchObject({
      name: 'orders',
      status: 'ACTIVE',
      type: 'STANDARD',
      definition: passDef('v1'),
      roleArn: ROLE,
    });
    expect(d.loggingConfiguration).toEqual({ level: 'OFF', includeExecutionData: false });
    const list = await t.sfn.send(new ListStateMachinesCommand({}));
    expect(list.stateMachines?.map((s) => s.name)).toContain('orders');
  });

  it('is idempotent on the same definition and refuses a different one', async () => {
    const a = await t.sfn.send(
      new CreateStateMachineCommand({ name: 'idem', definition: passDef('x'), roleArn: ROLE }),
    );
    const b = await t.sfn.send(
      new CreateStateMachineCommand({ name: 'idem', definition: passDef('x'), roleArn: ROLE }),
    );
    expect(b.stateMachineArn).toBe(a.stateMachineArn);
    await expect(
      t.sfn.send(new CreateStateMachineCommand({ name: 'idem', definition: passDef('y'), roleArn: ROLE })),
    ).rejects.toBeInstanceOf(StateMachineAlreadyExists);
  });

  it('rejects invalid names, ARNs and definitions with precise messages', async () => {
    await expect(
      t.sfn.send(
        new CreateStateMachineCommand({ name: 'bad name', definition: passDef('x'), roleArn: ROLE }),
      ),
    ).rejects.toBeInstanceOf(InvalidName);
    await expect(
      t.sfn.send(new CreateStateMachineCommand({ name: 'ok', definition: passDef('x'), roleArn: 'role' })),
    ).rejects.toBeInstanceOf(InvalidArn);
    await expect(
      t.sfn.send(
        new DescribeStateMachineCommand({
          stateMachineArn: 'arn:aws:states:us-east-1:123456789012:execution:a:b',
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidArn);
    const dangling = JSON.stringify({
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'Missing' }, B: { Type: 'Succeed' } },
    });
    const err = await t.sfn
      .send(new CreateStateMachineCommand({ name: 'dangling', definition: dangling, roleArn: ROLE }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidDefinition);
    expect((err as Error).message).toContain(
      "MISSING_TRANSITION_TARGET: State 'A' transitions to 'Missing', which is not a state of this scope at /States/A/Next",
    );
    expect((err as Error).message).toContain("State 'B' is not reachable from StartAt 'A' at /States/B");
    const noRules = JSON.stringify({
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [], Default: 'D' }, D: { Type: 'Succeed' } },
    });
    await expect(
      t.sfn.send(new CreateStateMachineCommand({ name: 'norules', definition: noRules, roleArn: ROLE })),
    ).rejects.toThrow("Choice state 'C' must have at least one rule");
    const outOfScope = JSON.stringify({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Next: 'Done' } } },
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    });
    await expect(
      t.sfn.send(new CreateStateMachineCommand({ name: 'scope', definition: outOfScope, roleArn: ROLE })),
    ).rejects.toThrow(
      "State 'I' transitions to 'Done', which is not a state of this scope at /States/M/ItemProcessor/States/I/Next",
    );
    await expect(
      t.sfn.send(new CreateStateMachineCommand({ name: 'json', definition: '{', roleArn: ROLE })),
    ).rejects.toThrow('INVALID_JSON_DESCRIPTION');
  });

  it('validates definitions as data with ValidateStateMachineDefinition', async () => {
    const ok = await t.sfn.send(new ValidateStateMachineDefinitionCommand({ definition: passDef('x') }));
    expect(ok).toMatchObject({ result: 'OK', diagnostics: [], truncated: false });
    const bad = await t.sfn.send(
      new ValidateStateMachineDefinitionCommand({
        definition: JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Z' } } }),
      }),
    );
    expect(bad.result).toBe('FAIL');
    expect(bad.diagnostics).toEqual(
      expect.arrayContaining([
        {
          severity: 'ERROR',
          code: 'MISSING_TRANSITION_TARGET',
          message: "State 'A' transitions to 'Z', which is not a state of this scope",
          location: '/States/A/Next',
        },
      ]),
    );
  });

  it('updates, publishes versions and lists them newest first', async () => {
    const { stateMachineArn } = await t.sfn.send(
      new CreateStateMachineCommand({
        name: 'versioned',
        definition: passDef('v1'),
        roleArn: ROLE,
        publish: true,
        versionDescription: 'first',
      }),
    );
    const v1 = `${stateMachineArn}:1`;
    const up = await t.sfn.send(
      new UpdateStateMachineCommand({
        stateMachineArn,
        definition: passDef('v2'),
        publish: true,
        versionDescription: 'second',
      }),
    );
    expect(up.stateMachineVersionArn).toBe(`${stateMachineArn}:2`);
    expect(up.revisionId).toBeTruthy();
    const again = await t.sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn }));
    expect(again.stateMachineVersionArn).toBe(`${stateMachineArn}:2`);
    await expect(
      t.sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn, revisionId: 'stale' })),
    ).rejects.toMatchObject({ name: 'ConflictException' });
    const versions = await t.sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn }));
    expect(versions.stateMachineVersions?.map((v) => v.stateMachineVersionArn)).toEqual([
      `${stateMachineArn}:2`,
      v1,
    ]);
    const d1 = await t.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: v1 }));
    expect(d1).toMatchObject({ stateMachineArn: v1, definition: passDef('v1'), description: 'first' });
    await expect(t.sfn.send(new UpdateStateMachineCommand({ stateMachineArn }))).rejects.toMatchObject({
      name: 'MissingRequiredParameter',
    });
  });

  it('starts executions through unqualified, version and alias ARNs, and lists by each', async () => {
    const { stateMachineArn } = await t.sfn.send(
      new CreateStateMachineCommand({
        name: 'aliased',
        definition: passDef('one'),
        roleArn: ROLE,
        publish: true,
      }),
    );
    await t.sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn, definition: passDef('two'), publish: true }),
    );
    const alias = await t.sfn.send(
      new CreateStateMachineAliasCommand({
        name: 'live',
        routingConfiguration: [{ stateMachineVersionArn: `${stateMachineArn}:1`, weight: 100 }],
      }),
    );
    expect(alias.stateMachineAliasArn).toBe(`${stateMachineArn}:live`);
    const start = async (arn: string): Promise<unknown> => {
      const { executionArn } = await t.sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
      return output(await t.finish(executionArn as string));
    };
    expect(await start(stateMachineArn as string)).toBe('two');
    expect(await start(`${stateMachineArn}:1`)).toBe('one');
    expect(await start(alias.stateMachineAliasArn as string)).toBe('one');
    await t.sfn.send(
      new UpdateStateMachineAliasCommand({
        stateMachineAliasArn: alias.stateMachineAliasArn,
        routingConfiguration: [{ stateMachineVersionArn: `${stateMachineArn}:2`, weight: 100 }],
      }),
    );
    expect(await start(alias.stateMachineAliasArn as string)).toBe('two');
    const described = await t.sfn.send(
      new DescribeStateMachineAliasCommand({ stateMachineAliasArn: alias.stateMachineAliasArn }),
    );
    expect(described.routingConfiguration).toEqual([
      { stateMachineVersionArn: `${stateMachineArn}:2`, weight: 100 },
    ]);
    const byAlias = await t.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: alias.stateMachineAliasArn }),
    );
    expect(byAlias.executions).toHaveLength(2);
    expect(byAlias.executions?.every((e) => e.stateMachineAliasArn === alias.stateMachineAliasArn)).toBe(
      true,
    );
    const byVersion = await t.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: `${stateMachineArn}:1` }),
    );
    expect(byVersion.executions).toHaveLength(2);
    const all = await t.sfn.send(new ListExecutionsCommand({ stateMachineArn }));
    expect(all.executions).toHaveLength(4);
    const exec = await t.sfn.send(
      new DescribeExecutionCommand({ executionArn: byAlias.executions?.[0]?.executionArn }),
    );
    expect(exec.stateMachineAliasArn).toBe(alias.stateMachineAliasArn);
    expect(exec.stateMachineVersionArn).toBe(`${stateMachineArn}:2`);
  });

  it('deletes a state machine', async () => {
    const { stateMachineArn } = await t.sfn.send(
      new CreateStateMachineCommand({ name: 'doomed', definition: passDef('x'), roleArn: ROLE }),
    );
    await t.sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
    await expect(t.sfn.send(new DescribeStateMachineCommand({ stateMachineArn }))).rejects.toBeInstanceOf(
      StateMachineDoesNotExist,
    );
    await expect(t.sfn.send(new StartExecutionCommand({ stateMachineArn }))).rejects.toBeInstanceOf(
      StateMachineDoesNotExist,
    );
  });

  it('paginates ListStateMachines', async () => {
    for (let i = 0; i < 3; i++)
      await t.sfn.send(
        new CreateStateMachineCommand({ name: `page-${i}`, definition: passDef('p'), roleArn: ROLE }),
      );
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await t.sfn.send(
        new ListStateMachinesCommand({ maxResults: 2, ...(nextToken ? { nextToken } : {}) }),
      );
      expect(page.stateMachines?.length).toBeLessThanOrEqual(2);
      names.push(...(page.stateMachines ?? []).map((s) => s.name as string));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(names.filter((n) => n.startsWith('page-'))).toEqual(['page-0', 'page-1', 'page-2']);
    expect(new Set(names).size).toBe(names.length);
  });
});
