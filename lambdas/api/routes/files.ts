import { OpenAPIHono, z } from '@hono/zod-openapi';
import { ConflictError, NotFoundError, ValidationError } from '../../core/errors';
import { declareFile, getFile, markStored, MAX_FILE_BYTES, readableFile } from '../../core/files/files';
import type { AppEnv } from '../deps';
import { jsonBody, jsonResponse, secured } from '../route';
import { Text } from '../schemas';

const FileId = z.object({
  id: z
    .string()
    .regex(/^file_[0-9a-z]{26}$/)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const FileMeta = z
  .object({
    id: z.string(),
    name: z.string(),
    size: z.number(),
    contentType: z.string(),
    sha256: z.string(),
    status: z.string(),
    createdAt: z.string(),
  })
  .openapi('File');

export const files = new OpenAPIHono<AppEnv>()
  .openapi(
    secured('any', {
      method: 'post',
      path: '/api/files',
      summary: `Declares a file (≤ ${MAX_FILE_BYTES / 1024 / 1024} MB; PDF, images, Office, CSV, ZIP) and returns where to PUT its bytes`,
      request: jsonBody(
        z.strictObject({
          name: Text(200),
          size: z.number().int().min(1),
          contentType: z.string().max(200),
          sha256: z.string().regex(/^[0-9a-f]{64}$/),
          caseId: z
            .string()
            .regex(/^case_[0-9a-z]{1,64}$/)
            .optional()
            .openapi({
              description: 'The case whose form the file is for: whoever may see the case may read it',
            }),
        }),
      ),
      responses: {
        201: jsonResponse(
          z.object({
            fileId: z.string(),
            uploadUrl: z.string(),
            method: z.literal('PUT'),
            headers: z.record(z.string(), z.string()),
          }),
          'Declared',
        ),
      },
    }),
    async (c) => {
      const deps = c.get('deps');
      const file = await declareFile(deps, c.get('actor'), c.req.valid('json'));
      const target = await deps.files.uploadTarget(file);
      return c.json(
        { fileId: file.id, uploadUrl: target.url, method: 'PUT' as const, headers: target.headers },
        201,
      );
    },
  )
  .openapi(
    secured('any', {
      method: 'get',
      path: '/api/files/{id}',
      summary: 'A file’s metadata and where to download it',
      request: { params: FileId },
      responses: { 200: jsonResponse(FileMeta.extend({ downloadUrl: z.string() }), 'The file') },
    }),
    async (c) => {
      const deps = c.get('deps');
      const f = await readableFile(deps, c.get('actor'), c.req.valid('param').id);
      if (f.status === 'pending' && (await deps.files.isStored(f))) {
        await markStored(deps, f.id);
        f.status = 'stored';
      }
      const { organisationId: _o, uploadedBy: _u, ...meta } = f;
      return c.json({ ...meta, downloadUrl: await deps.files.downloadUrl(f) }, 200);
    },
  )
  .openapi(
    secured('any', {
      method: 'put',
      path: '/api/files/{id}/content',
      summary:
        'Local runtime: receives the bytes of a declared file (size and sha256 must match the declaration)',
      request: { params: FileId },
      responses: { 204: { description: 'Stored' } },
    }),
    async (c) => {
      const deps = c.get('deps');
      const actor = c.get('actor');
      const f = await getFile(deps, c.req.valid('param').id).catch(() => undefined);
      if (!f || f.uploadedBy !== actor.userId) throw new NotFoundError('file', c.req.valid('param').id);
      if (!deps.files.receive) throw new NotFoundError('upload target', f.id);
      if (f.status === 'stored') throw new ConflictError('ALREADY_STORED', 'the file is stored already');
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
      if (type !== f.contentType)
        throw new ValidationError('content type differs from the declaration', [
          { path: '/contentType', message: `expected ${f.contentType}` },
        ]);
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (!(await deps.files.receive(f, bytes))) {
        throw new ValidationError('the bytes do not match the declared size and sha256', [
          { path: '/sha256', message: 'mismatch' },
        ]);
      }
      await markStored(deps, f.id);
      return c.body(null, 204);
    },
  )
  .openapi(
    secured('any', {
      method: 'get',
      path: '/api/files/{id}/content',
      summary: 'Local runtime: the bytes of a stored file',
      request: { params: FileId },
      responses: { 200: { description: 'The bytes' } },
    }),
    async (c) => {
      const deps = c.get('deps');
      const f = await readableFile(deps, c.get('actor'), c.req.valid('param').id);
      if (!deps.files.read || !(await deps.files.isStored(f))) throw new NotFoundError('file content', f.id);
      const bytes = await deps.files.read(f);
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'content-type': f.contentType,
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`,
        'x-content-type-options': 'nosniff',
      });
    },
  );
