/**
 * Publishes the stand-in programmes (fixtures/demo.ts) through the admin API of a running cpflow, as an
 * administrator would: forms first, then workflows (which name the forms), then the programmes.
 */
import { DEMO_FORMS, DEMO_PROGRAMMES, DEMO_WORKFLOWS } from '../fixtures/demo';

export async function call(base: string, token: string | null, method: string, path: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as any) : undefined };
}

export async function login(base: string, username: string, password: string): Promise<string> {
  const r = await call(base, null, 'POST', '/api/auth/login', { username, password });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.token as string;
}

async function must(p: Promise<{ status: number; body: any }>, what: string) {
  const r = await p;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function seedDemoProgrammes(base: string, adminToken: string): Promise<void> {
  for (const [id, form] of Object.entries(DEMO_FORMS)) {
    await must(call(base, adminToken, 'PUT', `/api/admin/forms/${id}`, form), `save form ${id}`);
    await must(
      call(base, adminToken, 'POST', `/api/admin/forms/${id}/publish`, { changeNote: '演示' }),
      `publish form ${id}`,
    );
  }
  for (const [id, wf] of Object.entries(DEMO_WORKFLOWS)) {
    await must(call(base, adminToken, 'PUT', `/api/admin/workflows/${id}`, wf), `save workflow ${id}`);
    await must(
      call(base, adminToken, 'POST', `/api/admin/workflows/${id}/publish`, {}),
      `publish workflow ${id}`,
    );
  }
  for (const [id, p] of Object.entries(DEMO_PROGRAMMES)) {
    await must(call(base, adminToken, 'PUT', `/api/admin/programmes/${id}`, p), `programme ${id}`);
  }
}
