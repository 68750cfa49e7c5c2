/** `certificate-policy`: validity, numbering and the audit-type names printed on certificates. */
import { z } from 'zod';
import { header, LocalText, Source, valued } from './common';

export const CertificatePolicyTable = z.strictObject({
  ...header,
  validityYears: valued(z.number().int().min(1).max(20)),
  number: z.strictObject({
    prefix: z.string().regex(/^[A-Z]{1,6}$/),
    /** Which region of the case's path goes into the number. */
    regionLevel: z.enum(['province', 'city', 'district']),
    seqDigits: z.number().int().min(3).max(8),
    source: Source,
  }),
  /** Audit type by programme id; a programme not listed prints the case's programme title. */
  auditTypes: z.record(z.string(), LocalText),
});
export type CertificatePolicy = z.infer<typeof CertificatePolicyTable>;
