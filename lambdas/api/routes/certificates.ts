/**
 * Certificates: public verification by number; the holder enterprise's and the region administrator's lists and
 * details.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import { getCertificate, listCertificates, verifyCertificate } from '../../core/certificates/query';
import type { AppEnv } from '../deps';
import { jsonResponse, open, secured } from '../route';
import { Cursor, Id, Limit } from '../schemas';

const readers = ['admin', 'enterprise'] as const;
const Text2 = z.object({ zh: z.string(), en: z.string() });
const Grade = z.enum(['excellent', 'good', 'pass']);
const Status = z.enum(['valid', 'expired', 'revoked']);

const Certificate = z
  .object({
    id: z.string(),
    number: z.string(),
    caseId: z.string(),
    programmeId: z.string(),
    holderOrgId: z.string(),
    holderName: z.string(),
    regionPath: z.string(),
    auditType: Text2,
    grade: Grade,
    score: z.number(),
    issuedAt: z.string(),
    validFrom: z.string(),
    validUntil: z.string(),
    validityYears: z.number(),
    status: z.enum(['valid', 'revoked']),
    currentStatus: Status,
    policy: z.string(),
  })
  .openapi('Certificate');

export const certificates = new OpenAPIHono<AppEnv>()
  .openapi(
    open({
      method: 'get',
      path: '/api/certificates/verify/{number}',
      summary:
        'Public verification of a certificate number: holder, audit type, grade, validity and status only',
      request: {
        params: z.object({
          number: z
            .string()
            .regex(/^[A-Za-z0-9-]{3,64}$/)
            .openapi({ param: { name: 'number', in: 'path' }, example: 'CP-440100-2026-0001' }),
        }),
      },
      responses: {
        200: jsonResponse(
          z
            .object({
              number: z.string(),
              holderName: z.string(),
              auditType: Text2,
              grade: Grade,
              validFrom: z.string(),
              validUntil: z.string(),
              status: Status,
            })
            .openapi('CertificateVerification'),
          'What the certificate says, and whether it is valid today',
        ),
      },
    }),
    async (c) => c.json(await verifyCertificate(c.get('deps'), c.req.valid('param').number), 200),
  )
  .openapi(
    secured(readers, {
      method: 'get',
      path: '/api/certificates',
      summary: "The holder enterprise's certificates, or those of the administrator's region, newest first",
      request: { query: z.strictObject({ limit: Limit, cursor: Cursor }) },
      responses: {
        200: jsonResponse(
          z.object({ items: z.array(Certificate), cursor: z.string().optional() }),
          'A page of certificates',
        ),
      },
    }),
    async (c) => c.json(await listCertificates(c.get('deps'), c.get('actor'), c.req.valid('query')), 200),
  )
  .openapi(
    secured(readers, {
      method: 'get',
      path: '/api/certificates/{id}',
      summary: 'One certificate (its holder, or an administrator of its region)',
      request: { params: z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) }) },
      responses: { 200: jsonResponse(Certificate, 'The certificate') },
    }),
    async (c) => c.json(await getCertificate(c.get('deps'), c.get('actor'), c.req.valid('param').id), 200),
  );
