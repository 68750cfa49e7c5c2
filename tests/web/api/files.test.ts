import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../web/src/api/client';
import { createApi } from '../../../web/src/api/endpoints';

const ref = { fileId: 'file_01jabcdefghjkmnpqrstvwxyz0', name: '审核报告.pdf', sha256: 'ab'.repeat(32) };

/** An API whose fetch answers from `routes` and records what was asked, with which authorization. */
function apiWith(routes: Record<string, () => Response>) {
  const calls: { url: string; authorization: string | undefined }[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, authorization: (init?.headers as Record<string, string> | undefined)?.authorization });
    const answer = routes[url];
    return answer
      ? answer()
      : new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'no' } }), { status: 404 });
  }) as typeof fetch;
  return { api: createApi(createApiClient({ getToken: () => 'tok', fetchImpl })), calls };
}

const meta = (downloadUrl: string) => () =>
  Response.json({
    id: ref.fileId,
    name: ref.name,
    size: 8,
    contentType: 'application/pdf',
    sha256: ref.sha256,
    status: 'stored',
    createdAt: '2026-11-01T00:00:00Z',
    downloadUrl,
  });

describe('files.download', () => {
  it("fetches the local runtime's bytes with the token, under the file's name", async () => {
    const content = `/api/files/${ref.fileId}/content`;
    const { api, calls } = apiWith({
      [`/api/files/${ref.fileId}`]: meta(content),
      [content]: () => new Response('%PDF-1.7', { headers: { 'content-type': 'application/pdf' } }),
    });
    const d = await api.files.download(ref);
    expect(d.name).toBe('审核报告.pdf');
    expect('blob' in d && (await d.blob.text())).toBe('%PDF-1.7');
    expect(calls.map((c) => c.authorization)).toEqual(['Bearer tok', 'Bearer tok']);
  });

  it('hands over a pre-signed URL as it is, without fetching it (it must not get the token)', async () => {
    const signed = 'https://bucket.s3.amazonaws.com/file?X-Amz-Signature=abc';
    const { api, calls } = apiWith({ [`/api/files/${ref.fileId}`]: meta(signed) });
    expect(await api.files.download(ref)).toEqual({ name: ref.name, url: signed });
    expect(calls).toHaveLength(1);
  });

  it('fails with the API error when the file is not visible to the user', async () => {
    const { api } = apiWith({});
    await expect(api.files.download(ref)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });
});
