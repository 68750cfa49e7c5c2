/**
 * The S3 file store's pre-signed URLs, made offline (signing needs no network): the upload's signature covers the
 * declared length and sha256, so S3 refuses other bytes; the download names the file and its declared type.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { objectKey, s3FileStore, sha256Base64 } from '../../../../lambdas/adapters/s3-files';
import type { FileRecord } from '../../../../lambdas/core/files/files';

const client = new S3Client({
  region: 'ap-east-1',
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
  requestChecksumCalculation: 'WHEN_REQUIRED',
});
const store = s3FileStore(client, { bucket: 'cpflow-test-files-111122223333-ap-east-1' });
const file: FileRecord = {
  id: 'file_01jd3xyz',
  name: '审核报告 v2.pdf',
  size: 123456,
  contentType: 'application/pdf',
  sha256: 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9',
  organisationId: 'org_ent1',
  uploadedBy: 'usr_1',
  status: 'pending',
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('s3FileStore', () => {
  it('pre-signs a PUT whose signature covers the length and the sha256 header', async () => {
    const target = await store.uploadTarget(file);
    const url = new URL(target.url);
    expect(url.host).toBe('cpflow-test-files-111122223333-ap-east-1.s3.ap-east-1.amazonaws.com');
    expect(url.pathname).toBe(`/${objectKey(file)}`);
    expect(objectKey(file)).toBe('files/org_ent1/file_01jd3xyz');
    expect(url.searchParams.get('X-Amz-SignedHeaders')!.split(';')).toEqual(
      expect.arrayContaining(['content-length', 'host', 'x-amz-checksum-sha256']),
    );
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    // The checksum travels as a signed header the browser must send, not in the query string.
    expect([...url.searchParams.keys()].some((k) => /checksum/i.test(k))).toBe(false);
    expect(target.headers).toEqual({
      'content-type': 'application/pdf',
      'x-amz-checksum-sha256': sha256Base64(file.sha256),
    });
    expect(sha256Base64(file.sha256)).toBe('uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=');
  });

  it('pre-signs a short-lived GET that downloads under the file’s own name and type', async () => {
    const url = new URL(await store.downloadUrl(file));
    expect(url.pathname).toBe(`/${objectKey(file)}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
    expect(url.searchParams.get('response-content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    );
  });
});
