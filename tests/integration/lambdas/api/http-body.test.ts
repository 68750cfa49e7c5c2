/**
 * Request bodies as `npm start` receives them: over HTTP through @hono/node-server, where a body of declared length
 * is judged by its header and read straight from Node's request, and a streamed one (chunked, no length) is counted
 * as it arrives (lambdas/api/base.ts, docs/decisions.md D28). Either way a body over the limit is refused with 413
 * and one that is not UTF-8 with 400, and nothing is written; a body within it reaches the route whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ServerType } from '@hono/node-server';
import { serve } from '@hono/node-server';
import type { TestStack } from '../../../support/stack';
import { startStack } from '../../../support/stack';
import { tableSnapshot } from '../../../support/snapshot';

let stack: TestStack;
let server: ServerType;
let url: string;

beforeAll(async () => {
  stack = await startStack();
  server = serve({ fetch: stack.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await stack?.close();
});

const snapshot = () => tableSnapshot(stack.runtime.dynamodbEndpoint, stack.runtime.config.tableName);

/**
 * Posts a new organisation as the Guangzhou administrator, on a connection of its own (the server may close one whose
 * body it refused unread); `stream` sends the body chunked, without a length.
 */
async function post(body: string | Uint8Array, stream = false) {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  const headers: Record<string, string> = {
    authorization: `Bearer ${await stack.token('gz.admin')}`,
    'content-type': 'application/json',
    ...(stream ? {} : { 'content-length': String(bytes.length) }),
  };
  return new Promise<{ status: number; body: { error?: { code: string; message: string } } }>(
    (resolve, reject) => {
      const req = request(
        `${url}/api/admin/organisations`,
        { method: 'POST', headers, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
            }),
          );
        },
      );
      req.on('error', reject);
      // chunked when no length is given: a write per 64 KiB
      for (let at = 0; at < bytes.length; at += 64 * 1024) req.write(bytes.subarray(at, at + 64 * 1024));
      req.end();
    },
  );
}

const organisation = (name: string) => JSON.stringify({ kind: 'bank', name, regionCode: '440100' });

describe('a request body over HTTP', () => {
  for (const stream of [false, true]) {
    const how = stream ? 'streamed without a length' : 'of declared length';
    it(`${how}: over the limit is refused with 413, and nothing is written`, async () => {
      const before = await snapshot();
      const res = await post(organisation('x'.repeat(2 * 1024 * 1024)), stream);
      expect(res).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
      expect(await snapshot()).toEqual(before);
    });

    it(`${how}: not UTF-8 is refused with 400, and nothing is written`, async () => {
      const before = await snapshot();
      const text = new TextEncoder().encode(organisation('银行'));
      const bad = Uint8Array.from(text, (b, i) => (i === text.indexOf(0xe9) ? 0xff : b));
      const res = await post(bad, stream);
      expect(res).toMatchObject({ status: 400, body: { error: { code: 'INVALID_REQUEST' } } });
      expect(res.body.error?.message).toMatch(/UTF-8/);
      expect(await snapshot()).toEqual(before);
    });

    it(`${how}: within the limit reaches the route as sent`, async () => {
      const name = `绿色信贷银行 ${stream ? 'B' : 'A'}`;
      const res = await post(organisation(name), stream);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name, kind: 'bank' });
    });
  }
});
