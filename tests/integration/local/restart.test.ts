/**
 * `npm start` keeps everything across restarts: after writes, SIGKILL, start again on the same DATA_DIR, and
 * every write is there; SIGTERM stops it cleanly (exit 0). The first start prints the admin password once.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api, exited, freePorts, startCpflow } from '../../support/process';

const dataDir = mkdtempSync(join(tmpdir(), 'cpflow-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start', () => {
  it('keeps every write through SIGKILL and restart, and stops cleanly on SIGTERM', async () => {
    const ports = await freePorts();
    const first = await startCpflow(dataDir, ports, ['--demo']);
    expect(first.output()).toMatch(/Password \(shown once\): \S+/);
    const users = JSON.parse(readFileSync(join(dataDir, 'demo-users.json'), 'utf8')) as {
      username: string;
      password: string;
    }[];
    const password = users.find((u) => u.username === 'gz.admin')!.password;
    const { body: session } = await api(first.url, 'POST', '/api/auth/login', undefined, {
      username: 'gz.admin',
      password,
    });

    const created = await api(first.url, 'POST', '/api/admin/organisations', session.token, {
      kind: 'consultancy',
      name: '崩溃测试咨询公司',
      regionCode: '440113',
    });
    expect(created.status).toBe(201);
    const changed = await api(
      first.url,
      'PUT',
      `/api/admin/organisations/${created.body.id}`,
      session.token,
      {
        name: '崩溃测试咨询有限公司',
        version: 1,
      },
    );
    expect(changed.status).toBe(200);

    first.child.kill('SIGKILL');
    expect((await exited(first.child)).signal).toBe('SIGKILL');

    const second = await startCpflow(dataDir, ports, ['--demo']);
    expect(second.output()).not.toMatch(/shown once/);
    const again = await api(second.url, 'POST', '/api/auth/login', undefined, {
      username: 'gz.admin',
      password,
    });
    expect(again.status).toBe(200);
    const org = await api(second.url, 'GET', `/api/admin/organisations/${created.body.id}`, again.body.token);
    expect(org.body).toMatchObject({ name: '崩溃测试咨询有限公司', version: 2, regionCode: '440113' });
    // the demo seed did not duplicate anything on the second start
    const banks = await api(second.url, 'GET', '/api/admin/organisations?kind=bank', again.body.token);
    expect(banks.body.items.map((o: { id: string }) => o.id).sort()).toEqual([
      'org_grcb00001',
      'org_icbcgz001',
    ]);

    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toEqual({ code: 0, signal: null });
  }, 180_000); // two cold starts of npm start (tsx, catalogue, demo seed)
});
