/**
 * The bad-input corpus (issue 9): hundreds of requests generated from the OpenAPI route table — malformed JSON,
 * non-object bodies, wrong content types, wrong types for every field, missing and unknown fields, `__proto__` /
 * `constructor` keys, deep nesting, huge strings and arrays, invalid Unicode, injection strings in identifier
 * fields, path parameters and query parameters, forged / expired / `alg: none` tokens, invalid definitions at
 * publish, mistyped and mismatched uploads. Every one must get a 4xx with a code and a message — never a 5xx —
 * and the store must be exactly as before (compared per route, item by item).
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestFlow, requestForm } from '../fixtures/lowcode';
import type { Scenario } from '../support/scenario';
import { openReviewCase, publishLowcode } from '../support/scenario';
import { tableSnapshot } from '../support/snapshot';
import type { TestStack } from '../support/stack';
import { startStack } from '../support/stack';

interface Route {
  method: string;
  path: string;
  roles: string[] | 'public';
  body?: { properties?: Record<string, any>; required?: string[] };
  query: string[];
  params: string[];
}
interface Attack {
  label: string;
  user: string | null;
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

let stack: TestStack;
let s: Scenario;
const routes: Route[] = [];
const results: { label: string; status: number; code?: string }[] = [];

const INJECTIONS = [
  "' OR '1'='1",
  '{"$ne":null}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '${7*7}{{7*7}}',
  '$$.Execution.Input',
  "States.Format('{}', $.x)",
  'a\r\nSet-Cookie: x=1',
  '$..*',
  '\u202egnp.exe',
];

beforeAll(async () => {
  stack = await startStack();
  await publishLowcode(stack);
  s = await openReviewCase(stack);
  // definitions that must never publish: drafts saved here, before any snapshot
  const badForm = JSON.parse(JSON.stringify(requestForm));
  badForm.schema.properties.amount.type = 'nummber';
  await stack.call('admin', 'PUT', '/api/admin/forms/corpus-bad-schema', badForm);
  const badScope = JSON.parse(JSON.stringify(requestForm));
  badScope.uischema.elements.push({ type: 'Control', scope: '#/properties/nowhere' });
  await stack.call('admin', 'PUT', '/api/admin/forms/corpus-bad-scope', badScope);
  const noDefault = JSON.parse(JSON.stringify(requestFlow));
  delete noDefault.definition.States.Decide.Default;
  await stack.call('admin', 'PUT', '/api/admin/workflows/corpus-no-default', noDefault);
  const dangling = JSON.parse(JSON.stringify(requestFlow));
  dangling.definition.States.Submit.Next = 'Nowhere';
  await stack.call('admin', 'PUT', '/api/admin/workflows/corpus-dangling', dangling);
  const unknownFn = JSON.parse(JSON.stringify(requestFlow));
  unknownFn.definition.States.Review.Parameters.FunctionName = 'rm-rf';
  await stack.call('admin', 'PUT', '/api/admin/workflows/corpus-unknown-fn', unknownFn);

  const doc = (await stack.call(null, 'GET', '/api/openapi.json')).body;
  for (const [path, ops] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(ops)) {
      const params = (op.parameters ?? []) as { in: string; name: string }[];
      routes.push({
        method: method.toUpperCase(),
        path,
        roles: op['x-roles'],
        body: op.requestBody?.content?.['application/json']?.schema,
        query: params.filter((p) => p.in === 'query').map((p) => p.name),
        params: params.filter((p) => p.in === 'path').map((p) => p.name),
      });
    }
  }
}, 120_000);
afterAll(async () => stack?.close());

/** A user who may use the route on the scenario's own data, so refusals come from the input, not from access. */
function userFor(r: Route): string | null {
  if (r.roles === 'public') return null;
  if (r.path.startsWith('/api/tasks/')) return 'gz.admin';
  if (r.roles.includes('admin') && (r.path.startsWith('/api/admin') || !r.roles.includes('enterprise')))
    return 'gz.admin';
  if (r.roles.includes('enterprise')) return 'mingzhu';
  return { consultant: 'lvyuan', expert: 'expert.wang', bank: 'icbc' }[r.roles[0] as string] ?? 'gz.admin';
}

function concrete(r: Route, override: Record<string, string> = {}): string {
  const value = (name: string): string => {
    if (override[name] !== undefined) return override[name]!;
    const p = r.path;
    if (name === 'id') {
      if (p.startsWith('/api/admin/organisations')) return 'org_mzdd00001';
      if (p.startsWith('/api/admin/users')) return 'usr_mzdd00001';
      if (p.startsWith('/api/cases')) return s.caseId;
      if (p.startsWith('/api/tasks')) return s.taskId;
      if (p.startsWith('/api/submissions')) return s.submissionId;
      if (p.startsWith('/api/files')) return s.fileId;
      return 'unknown_000000';
    }
    return (
      (
        {
          formId: 'test-request',
          workflowId: 'test-flow',
          programmeId: 'test-programme',
          consultancyId: 'org_lyzx00001',
          n: '1',
          userId: 'usr_expert001',
          tableId: 'panel-rules',
          number: 'CP-440100-2026-0001',
          drawId: 'draw_000000',
        } as Record<string, string>
      )[name] ?? 'x'
    );
  };
  return r.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    encodeURIComponent(value(name)).replace(/%2F/g, '%2F'),
  );
}

function bodyAttacks(r: Route): Omit<Attack, 'user' | 'method'>[] {
  const path = concrete(r);
  const out: Omit<Attack, 'user' | 'method'>[] = [];
  const json = (label: string, body: string) => out.push({ label, path, body });
  for (const [label, text] of [
    ['unterminated object', '{'],
    ['missing value', '{"a":}'],
    ['single quotes', "{'a':1}"],
    ['trailing comma', '{"a":1,}'],
    ['two documents', '{"a":1}{"b":2}'],
    ['NaN', 'NaN'],
    ['bare word', 'nul'],
    ['empty body', ''],
    ['array', '[]'],
    ['number', '42'],
    ['string', '"text"'],
    ['null', 'null'],
    ['true', 'true'],
    ['__proto__ key', '{"__proto__":{"isAdmin":true}}'],
    ['constructor key', '{"constructor":{"prototype":{"isAdmin":true}}}'],
    ['lone surrogate', '{"name":"\\ud800"}'],
    ['deep nesting', '{"a":'.repeat(2000) + '1' + '}'.repeat(2000)],
    ['huge array', `{"items":[${new Array(100_000).fill('1').join(',')}]}`],
  ] as const) {
    json(label, text);
  }
  out.push({ label: 'a body over 1 MiB', path, body: JSON.stringify({ x: 'x'.repeat(1_100_000) }) });
  out.push({ label: 'invalid UTF-8 bytes', path, body: '\u0000BINARY', headers: { 'x-corpus-binary': '1' } });
  for (const type of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/xml',
    'multipart/form-data; boundary=x',
  ]) {
    out.push({ label: `content-type ${type}`, path, body: '{"a":1}', headers: { 'content-type': type } });
  }
  out.push({ label: 'unknown field only', path, body: JSON.stringify({ surprise: true }) });
  for (const [name, schema] of Object.entries(r.body?.properties ?? {})) {
    const wrong: unknown[] =
      schema.type === 'string'
        ? [12345, { nested: true }, ['a'], false]
        : schema.type === 'number' || schema.type === 'integer'
          ? ['abc', { n: 1 }, [1], -1e308 * 10]
          : schema.type === 'boolean'
            ? ['yes', 1]
            : schema.type === 'object'
              ? ['x', 7, [1]]
              : schema.type === 'array'
                ? ['x', { a: 1 }]
                : [];
    for (const v of wrong)
      json(
        `${name}: wrong type ${JSON.stringify(v)?.slice(0, 20)}`,
        `{"${name}":${JSON.stringify(v) ?? 'null'}}`,
      );
    if (schema.type === 'string' && (schema.pattern || schema.enum || schema.format || schema.const)) {
      for (const inj of INJECTIONS)
        json(`${name}: injection ${JSON.stringify(inj).slice(0, 24)}`, JSON.stringify({ [name]: inj }));
    }
    if (schema.type === 'string')
      json(`${name}: huge string`, JSON.stringify({ [name]: 'y'.repeat(300_000) }));
  }
  return out;
}

function attacksFor(r: Route): Attack[] {
  const user = userFor(r);
  const attacks: Attack[] = [];
  if (r.roles !== 'public') {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const claims = {
      sub: 'usr_gzadmin001',
      'cognito:username': 'gz.admin',
      'cognito:groups': ['admin'],
      'custom:orgId': 'org_platform',
      'custom:region': '86/',
      token_use: 'id',
      iss: 'cpflow-local',
      aud: 'cpflow',
    };
    const now = Math.floor(Date.now() / 1000);
    for (const [label, auth] of [
      ['no token', undefined],
      ['garbage token', 'Bearer not-a-token'],
      ['alg none', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, exp: now + 600 })}.`],
      [
        'forged HS256',
        `Bearer ${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, exp: now + 600 })}.${Buffer.from('forged-signature-bytes-000000000').toString('base64url')}`,
      ],
      ['expired', `Bearer ${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ ...claims, exp: now - 600 })}.AAAA`],
      ['basic scheme', 'Basic YWRtaW46YWRtaW4='],
    ] as const) {
      attacks.push({
        label,
        user: null,
        method: r.method,
        path: concrete(r),
        ...(r.body ? { body: '{}' } : {}),
        headers: auth ? { authorization: auth } : {},
      });
    }
  }
  for (const name of r.params) {
    for (const [label, value] of [
      ['traversal', '../../etc/passwd'],
      ['sql', "1' OR '1'='1"],
      ['overlong', 'a'.repeat(3000)],
      ['rtl', '\u202eabc'],
      ['script', '<script>x</script>'],
    ] as const) {
      attacks.push({
        label: `path ${name} ${label}`,
        user,
        method: r.method,
        path: concrete(r, { [name]: value }),
        ...(r.body ? { body: '{}' } : {}),
      });
    }
  }
  for (const q of r.query) {
    // A plain word is a fine value for most filters (an unknown programme lists nothing); not for a number.
    for (const [label, value] of [
      ['negative', '-5'],
      ...(q === 'limit' ? ([['word', 'abc']] as const) : []),
      ['huge', '1e400'],
      ['injection', "' OR 1=1 --"],
    ] as const) {
      attacks.push({
        label: `query ${q} ${label}`,
        user,
        method: r.method,
        path: `${concrete(r)}?${q}=${encodeURIComponent(value)}`,
      });
    }
  }
  // Routes that declare query parameters refuse undeclared ones; routes without any ignore the query string.
  if (r.query.length) {
    attacks.push({
      label: 'unknown query parameter',
      user,
      method: r.method,
      path: `${concrete(r)}?admin=true`,
    });
  }
  if (r.body) for (const a of bodyAttacks(r)) attacks.push({ ...a, user, method: r.method });
  return attacks;
}

async function send(a: Attack) {
  const auth: Record<string, string> = a.user ? { authorization: `Bearer ${await stack.token(a.user)}` } : {};
  const binary = a.headers?.['x-corpus-binary'];
  const body = binary
    ? Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d])
    : a.body;
  const res = await stack.app.request(a.path, {
    method: a.method,
    headers: {
      ...(a.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...auth,
      ...a.headers,
    },
    ...(body !== undefined && a.method !== 'GET' ? { body } : {}),
  });
  const text = await res.text();
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, parsed };
}

const snapshot = () => tableSnapshot(stack.runtime.dynamodbEndpoint, stack.runtime.config.tableName);

describe('bad-input corpus', () => {
  it('answers every bad request with a 4xx, a code and a message, and changes nothing', async () => {
    let total = 0;
    for (const r of routes) {
      if (r.path === '/api/openapi.json') continue;
      const attacks = attacksFor(r);
      const before = await snapshot();
      for (const a of attacks) {
        const res = await send(a);
        total++;
        const label = `${a.method} ${r.path} [${a.label}] → ${res.status} ${JSON.stringify(res.parsed)?.slice(0, 160)}`;
        results.push({ label, status: res.status, code: res.parsed?.error?.code });
        expect(res.status, label).toBeGreaterThanOrEqual(400);
        expect(res.status, label).toBeLessThan(500);
        expect(typeof res.parsed?.error?.code, label).toBe('string');
        expect(typeof res.parsed?.error?.message, label).toBe('string');
      }
      expect(await snapshot(), `${r.method} ${r.path} changed the store`).toEqual(before);
    }
    expect(total).toBeGreaterThanOrEqual(500);
    // A budget, not a timing check: well over 500 requests and a store snapshot per route take ~20 s on a quiet
    // 2-vCPU machine and over a minute when it is busy.
  }, 240_000);

  it('refuses invalid definitions at publish and stores no version', async () => {
    const before = await snapshot();
    for (const [kind, id] of [
      ['forms', 'corpus-bad-schema'],
      ['forms', 'corpus-bad-scope'],
      ['workflows', 'corpus-no-default'],
      ['workflows', 'corpus-dangling'],
      ['workflows', 'corpus-unknown-fn'],
    ] as const) {
      const res = await stack.call('admin', 'POST', `/api/admin/${kind}/${id}/publish`, {});
      expect(res.status, `${id} ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.body.error.details.length).toBeGreaterThan(0);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses mistyped, mismatched and oversized uploads and keeps nothing of them', async () => {
    const bytes = Buffer.from('%PDF-1.4 corpus');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const declared = await stack.call('mingzhu', 'POST', '/api/files', {
      name: 'c.pdf',
      size: bytes.length,
      contentType: 'application/pdf',
      sha256,
    });
    const token = await stack.token('mingzhu');
    const put = (body: Buffer | string, type: string) =>
      stack.app.request(declared.body.uploadUrl, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'content-type': type },
        body: typeof body === 'string' ? body : new Uint8Array(body),
      });
    const before = await snapshot();
    for (const [label, res] of [
      ['wrong type', await put(bytes, 'image/png')],
      ['wrong bytes', await put(Buffer.from('%PDF-1.4 corpuz'), 'application/pdf')],
      ['too many bytes', await put(Buffer.concat([bytes, bytes]), 'application/pdf')],
      ['empty', await put('', 'application/pdf')],
      ['over the file limit', await put(Buffer.alloc(51 * 1024 * 1024, 1), 'application/pdf')],
    ] as const) {
      expect(res.status, label).toBeGreaterThanOrEqual(400);
      expect(res.status, label).toBeLessThan(500);
      expect((await res.json()).error.code, label).toEqual(expect.any(String));
    }
    for (const [label, body] of [
      ['executable', { name: 'a.exe', size: 10, contentType: 'application/x-msdownload', sha256 }],
      ['too large', { name: 'a.pdf', size: 60 * 1024 * 1024, contentType: 'application/pdf', sha256 }],
      ['zero bytes', { name: 'a.pdf', size: 0, contentType: 'application/pdf', sha256 }],
      ['path in the name', { name: '../../a.pdf', size: 10, contentType: 'application/pdf', sha256 }],
      ['bad digest', { name: 'a.pdf', size: 10, contentType: 'application/pdf', sha256: 'z'.repeat(64) }],
    ] as const) {
      const res = await stack.call('mingzhu', 'POST', '/api/files', body);
      expect(res.status, label).toBeGreaterThanOrEqual(400);
      expect(res.status, label).toBeLessThan(500);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('stores injection strings in free text verbatim and harmlessly', async () => {
    for (const inj of INJECTIONS) {
      const res = await stack.call('gz.admin', 'POST', '/api/admin/organisations', {
        kind: 'bank',
        name: `银行 ${inj}`,
        regionCode: '440106',
      });
      expect(res.status, inj).toBe(201);
      const back = await stack.call('gz.admin', 'GET', `/api/admin/organisations/${res.body.id}`);
      expect(back.body.name).toBe(`银行 ${inj}`);
    }
  });

  afterAll(() => {
    const byStatus: Record<number, number> = {};
    for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    console.log(`bad-input corpus: ${results.length} requests, by status ${JSON.stringify(byStatus)}`);
  });
});
