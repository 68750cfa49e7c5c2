/**
 * The data layer against real servers: the embedded dynalite and, for AWS compatibility, DynamoDB Local. Every
 * request shape the services build (conditions, GSIs, pagination, batches) must be one real DynamoDB accepts.
 * Both Db adapters run the suite on both servers: the SDK one (AWS, external endpoints) and the direct one the
 * local runtime uses for its embedded store (docs/decisions.md D18), over HTTP and, on the embedded store, over
 * the store's own channel as `npm start` has it (D20).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createDynamoClient } from '../../../../lambdas/adapters/dynamodb';
import { createHttpDb } from '../../../../lambdas/adapters/dynamodb-http';
import { randomIds } from '../../../../lambdas/adapters/ids';
import { ConditionFailedError } from '../../../../lambdas/core/db/errors';
import { buildUpdate, IF_NEW } from '../../../../lambdas/core/db/expressions';
import type { Db } from '../../../../lambdas/core/db/port';
import { claimUnique } from '../../../../lambdas/core/db/unique';
import {
  createOrganisation,
  creditCodeGuard,
  getOrganisation,
  listOrganisations,
  updateOrganisation,
} from '../../../../lambdas/core/identity/organisations';
import { addRegion } from '../../../../lambdas/core/identity/regions';
import { createUser, listUsers } from '../../../../lambdas/core/identity/users';
import type { Ports } from '../../../../lambdas/core/ports';
import { ensureTable } from '../../../../local/dynamodb';
import { startStack } from '../../../support/stack';
import { dynamoTargets } from '../../../support/targets';

const runs = dynamoTargets().flatMap((target) =>
  (['SDK', 'direct', ...(target.channel ? (['direct channel'] as const) : [])] as const).map((adapter) => ({
    ...target,
    target,
    adapter,
  })),
);

describe.each(runs)('data layer on $name through the $adapter client', ({ target, adapter }) => {
  let server: Awaited<ReturnType<(typeof runs)[number]['target']['start']>>;
  let ports: Ports;
  let db: Db;
  /** The SDK adapter on the same table, to compare with. */
  let sdkDb: Db;
  let close: () => void;

  beforeAll(async () => {
    server = await target.start();
    const client = createDynamoClient({ endpoint: server.endpoint, region: 'us-east-1' });
    await ensureTable(client, 'cpflow-test');
    await ensureTable(client, 'cpflow-test'); // idempotent
    const direct =
      adapter === 'SDK'
        ? undefined
        : createHttpDb({
            endpoint: server.endpoint,
            tableName: 'cpflow-test',
            ...(adapter === 'direct channel' ? { send: server.send! } : {}),
          });
    sdkDb = createDb(client, 'cpflow-test');
    db = direct ?? sdkDb;
    ports = { db, clock: { now: () => Date.parse('2026-03-01T08:00:00Z') }, ids: randomIds };
    close = () => {
      client.destroy();
      direct?.destroy();
    };
    await addRegion(ports, {
      code: '86',
      name: { zh: '中国', en: 'China' },
      level: 'country',
      parentCode: null,
    });
    await addRegion(ports, {
      code: '440000',
      name: { zh: '广东省', en: 'Guangdong' },
      level: 'province',
      parentCode: '86',
    });
    await addRegion(ports, {
      code: '440100',
      name: { zh: '广州市', en: 'Guangzhou' },
      level: 'city',
      parentCode: '440000',
    });
    await addRegion(ports, {
      code: '440300',
      name: { zh: '深圳市', en: 'Shenzhen' },
      level: 'city',
      parentCode: '440000',
    });
  }, 120_000);

  afterAll(async () => {
    close?.();
    await server?.close();
  });

  it('creates, reads and changes an organisation with optimistic concurrency', async () => {
    const org = await createOrganisation(ports, { kind: 'bank', name: '测试银行', regionCode: '440100' });
    expect(org.regionPath).toBe('86/440000/440100/');
    const changed = await updateOrganisation(ports, org, { name: '测试银行（改）' }, 1);
    expect(changed.version).toBe(2);
    await expect(updateOrganisation(ports, org, { name: 'stale' }, 1)).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    // a stale read that claims the right version still loses at the condition
    await expect(updateOrganisation(ports, { ...org, version: 1 }, { name: 'x' }, 1)).rejects.toMatchObject({
      code: 'VERSION_CONFLICT',
    });
    expect((await getOrganisation(ports, org.id)).name).toBe('测试银行（改）');
  });

  it('keeps credit codes unique and takes over a guard whose owner never got written', async () => {
    const profile = { creditCode: '91440101MA9Y3N5R6R', industryCode: 'C2614', size: 'small' as const };
    await claimUnique(
      db,
      creditCodeGuard(profile.creditCode),
      'credit code',
      profile.creditCode,
      'org_ghost00001',
      async () => false,
    );
    const org = await createOrganisation(ports, {
      kind: 'enterprise',
      name: '甲公司',
      regionCode: '440100',
      profile,
    });
    await expect(
      createOrganisation(ports, { kind: 'enterprise', name: '乙公司', regionCode: '440100', profile }),
    ).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect((await db.get({ Key: creditCodeGuard(profile.creditCode) }))?.ownerId).toBe(org.id);
  });

  it('lists a region subtree page by page through a GSI, never a sibling region', async () => {
    for (let i = 0; i < 5; i++)
      await createOrganisation(ports, { kind: 'consultancy', name: `广州咨询 ${i}`, regionCode: '440100' });
    await createOrganisation(ports, { kind: 'consultancy', name: '深圳咨询', regionCode: '440300' });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listOrganisations(ports, {
        regionPath: '86/440000/440100/',
        kind: 'consultancy',
        limit: 2,
        cursor,
      });
      seen.push(...page.items.map((o) => o.name));
      cursor = page.cursor;
    } while (cursor);
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4].map((i) => `广州咨询 ${i}`));
  });

  it('keeps usernames unique and lists users by organisation', async () => {
    const org = await createOrganisation(ports, { kind: 'expert', name: '专家库', regionCode: '440100' });
    await createUser(ports, {
      username: 'expert.one',
      displayName: '一',
      organisationId: org.id,
      passwordHash: 'x',
    });
    await expect(
      createUser(ports, {
        username: 'expert.one',
        displayName: '二',
        organisationId: org.id,
        passwordHash: 'x',
      }),
    ).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    const page = await listUsers(ports, { organisationId: org.id });
    expect(page.items.map((u) => [u.username, u.role])).toEqual([['expert.one', 'expert']]);
  });

  it('turns a failed condition into ConditionFailedError for put, update and delete', async () => {
    const key = { PK: 'T#cond', SK: 'T' };
    await db.put({ Item: { ...key, version: 1 }, ...IF_NEW });
    await expect(db.put({ Item: { ...key, version: 1 }, ...IF_NEW })).rejects.toBeInstanceOf(
      ConditionFailedError,
    );
    await expect(db.update(buildUpdate(key, { set: { a: 1 }, expectVersion: 7 }))).rejects.toBeInstanceOf(
      ConditionFailedError,
    );
    await expect(
      db.delete({ Key: key, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': 9 } }),
    ).rejects.toBeInstanceOf(ConditionFailedError);
    const updated = await db.update(
      buildUpdate(key, { set: { a: 1 }, add: { n: 2 }, expectVersion: 1, mustExist: true }),
    );
    expect(updated).toMatchObject({ a: 1, n: 2, version: 2 });
  });

  it('stores and reads every attribute type exactly as the SDK adapter does', async () => {
    const value = {
      PK: `T#types#${adapter}`,
      SK: 'X',
      s: '清洁生产 "quoted" \\ \u2028',
      n: -12.5,
      big: 2 ** 53 + 2,
      zero: 0,
      t: true,
      f: false,
      nil: null,
      list: [1, 'a', null, { deep: [true] }, undefined],
      map: { a: { b: { c: 'd' } }, gone: undefined },
      empty: {},
      emptyList: [],
      strings: new Set(['a', 'b']),
      numbers: new Set([1, 2.5]),
      bytes: new Uint8Array([0, 1, 254, 255]),
      gone: undefined,
    };
    const { big: _big, ...writable } = value;
    await db.put({ Item: writable });
    const mine = await db.get({ Key: { PK: value.PK, SK: 'X' }, ConsistentRead: true });
    const theirs = await sdkDb.get({ Key: { PK: value.PK, SK: 'X' }, ConsistentRead: true });
    expect(mine).toEqual(theirs);
    expect(mine).toMatchObject({ list: [1, 'a', null, { deep: [true] }], map: { a: { b: { c: 'd' } } } });
    expect(mine && 'gone' in mine).toBe(false);
    // numbers beyond 2^53 come back as BigInt from both; neither writes an imprecise number
    await sdkDb.put({ Item: { PK: value.PK, SK: 'BIG', n: 2n ** 60n } as never });
    expect((await db.get({ Key: { PK: value.PK, SK: 'BIG' }, ConsistentRead: true }))?.n).toBe(2n ** 60n);
    await expect(db.put({ Item: { PK: value.PK, SK: 'Y', big: value.big } })).rejects.toThrow(
      /MAX_SAFE_INTEGER/,
    );
    // sets grow with ADD; projections and expression names pass through
    await db.update({
      Key: { PK: value.PK, SK: 'X' },
      UpdateExpression: 'ADD strings :s',
      ExpressionAttributeValues: { ':s': new Set(['c']) },
      ReturnValues: 'NONE',
    });
    const projected = await db.get({
      Key: { PK: value.PK, SK: 'X' },
      ConsistentRead: true,
      ProjectionExpression: '#s, #m.#a',
      ExpressionAttributeNames: { '#s': 'strings', '#m': 'map', '#a': 'a' },
    });
    expect(projected).toEqual({ strings: new Set(['a', 'b', 'c']), map: { a: { b: { c: 'd' } } } });
    // the store's own errors keep their names
    await expect(db.get({ Key: { PK: '', SK: 'X' } })).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('writes and reads batches larger than one DynamoDB call allows', async () => {
    const items = Array.from({ length: 60 }, (_, i) => ({
      PK: 'T#batch',
      SK: `I#${String(i).padStart(3, '0')}`,
      n: i,
    }));
    await db.batchWrite({ puts: items });
    const got = await db.batchGet(
      [...items, ...items.map((i) => ({ ...i, SK: `${i.SK}x` }))]
        .slice(0, 120)
        .map(({ PK, SK }) => ({ PK, SK })),
    );
    expect(got).toHaveLength(60);
    await db.batchWrite({ deletes: items.slice(0, 30).map(({ PK, SK }) => ({ PK, SK })) });
    const rest = await db.query({
      KeyConditionExpression: 'PK = :p',
      ExpressionAttributeValues: { ':p': 'T#batch' },
    });
    expect(rest.items).toHaveLength(30);
  });

  // An external endpoint always gets the SDK client, so the API run belongs to the SDK pass.
  it.skipIf(adapter === 'direct')(
    'serves the API with idempotent POSTs and scoped reads on this server',
    async () => {
      const stack = await startStack({ dynamodbEndpoint: server.endpoint, tableName: 'cpflow-api' });
      try {
        const body = { kind: 'bank', name: '兼容性测试银行', regionCode: '440106' };
        const headers = { 'idempotency-key': 'compat-0001' };
        const a = await stack.call('gz.admin', 'POST', '/api/admin/organisations', body, headers);
        const b = await stack.call('gz.admin', 'POST', '/api/admin/organisations', body, headers);
        expect([a.status, b.status]).toEqual([201, 201]);
        expect(b.body.id).toBe(a.body.id);
        expect((await stack.call('sz.admin', 'GET', `/api/admin/organisations/${a.body.id}`)).status).toBe(
          404,
        );
        expect((await stack.call('mingzhu', 'GET', '/api/me')).body.role).toBe('enterprise');
      } finally {
        await stack.close();
      }
    },
  );
});
