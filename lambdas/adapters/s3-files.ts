/**
 * The FileStore port on S3: the browser PUTs the bytes to a pre-signed URL whose signature covers the declared
 * length and the `x-amz-checksum-sha256` header, so S3 itself refuses a body of another size (signature mismatch)
 * or another content (BadDigest). Downloads are pre-signed GETs that name the file and its declared type.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FileRecord, FileStore } from '../core/files/files';

export interface S3FileStoreOptions {
  bucket: string;
  /** Seconds a pre-signed URL stays valid; default 900 (15 min) for uploads, 300 for downloads. */
  uploadExpiresIn?: number;
  downloadExpiresIn?: number;
}

/** Objects live under the owner organisation: `files/<orgId>/<fileId>`. */
export const objectKey = (f: FileRecord) => `files/${f.organisationId}/${f.id}`;

/** The checksum S3 expects: the sha256 digest in base64 (the API takes it in hex). */
export const sha256Base64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

export function s3FileStore(client: S3Client, opts: S3FileStoreOptions): FileStore {
  const { bucket } = opts;
  return {
    async uploadTarget(f) {
      const checksum = sha256Base64(f.sha256);
      const command = new PutObjectCommand({
        Bucket: bucket,
        Key: objectKey(f),
        ContentType: f.contentType,
        ContentLength: f.size,
        ChecksumSHA256: checksum,
      });
      const url = await getSignedUrl(client, command, {
        expiresIn: opts.uploadExpiresIn ?? 900,
        // Kept as signed headers (not moved into the query string) so the browser must send them as they are.
        unhoistableHeaders: new Set(['x-amz-checksum-sha256']),
      });
      return {
        url,
        headers: { 'content-type': f.contentType, 'x-amz-checksum-sha256': checksum },
      };
    },

    async isStored(f) {
      try {
        const head = await client.send(
          new HeadObjectCommand({ Bucket: bucket, Key: objectKey(f), ChecksumMode: 'ENABLED' }),
        );
        return head.ContentLength === f.size && head.ChecksumSHA256 === sha256Base64(f.sha256);
      } catch (err) {
        const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (status === 404 || (err instanceof Error && err.name === 'NotFound')) return false;
        throw err;
      }
    },

    async downloadUrl(f) {
      return getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: bucket,
          Key: objectKey(f),
          ResponseContentType: f.contentType,
          ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`,
        }),
        { expiresIn: opts.downloadExpiresIn ?? 300 },
      );
    },
  };
}
