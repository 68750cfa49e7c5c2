/**
 * A minimal Cognito user-pool API client: AWS JSON 1.1 over HTTPS, signed with the SDK's own SigV4 signer.
 *
 * Why not @aws-sdk/client-cognito-identity-provider: it is not a dependency of this repository yet. This client
 * covers the handful of actions cpflow uses (docs/decisions.md D9); swapping it for the SDK client changes this
 * file only, because everything else sees the `CognitoIdp` interface.
 */
import { createHash, createHmac } from 'node:crypto';
import type { Hash as NodeHash, Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Anything that yields credentials: an SDK client's `config.credentials`, or a fixed value in tests. */
export type CredentialSource = () => Promise<AwsCredentials>;

export interface CognitoIdp {
  /** Calls `AWSCognitoIdentityProviderService.<action>`; throws CognitoError on an error response. */
  call<T = Record<string, unknown>>(action: string, input: Record<string, unknown>): Promise<T>;
}

/** An error answer from Cognito: `name` is its type (`UsernameExistsException`, `NotAuthorizedException` …). */
export class CognitoError extends Error {
  constructor(
    name: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = name;
  }
}

type SourceData = string | ArrayBuffer | ArrayBufferView;

const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/** SHA-256 (or HMAC-SHA-256 with a secret) in the shape the SigV4 signer expects. */
class Sha256 {
  private hash: NodeHash | Hmac;
  private readonly secret: string | Uint8Array | undefined;
  constructor(secret?: SourceData) {
    this.secret = secret === undefined ? undefined : bytes(secret);
    this.hash = this.fresh();
  }
  private fresh(): NodeHash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', this.secret);
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

export interface CognitoIdpOptions {
  region: string;
  credentials: CredentialSource;
  /** Default `https://cognito-idp.<region>.amazonaws.com`. */
  endpoint?: string;
  fetch?: typeof fetch;
}

export function cognitoIdp(opts: CognitoIdpOptions): CognitoIdp {
  const url = new URL(opts.endpoint ?? `https://cognito-idp.${opts.region}.amazonaws.com/`);
  const signer = new SignatureV4({
    service: 'cognito-idp',
    region: opts.region,
    credentials: opts.credentials,
    sha256: Sha256,
  });
  const send = opts.fetch ?? fetch;
  return {
    async call<T>(action: string, input: Record<string, unknown>): Promise<T> {
      const body = JSON.stringify(input);
      const signed = await signer.sign({
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        path: url.pathname,
        query: {},
        headers: {
          host: url.host,
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityProviderService.${action}`,
        },
        body,
      });
      const res = await send(url, { method: 'POST', headers: signed.headers, body });
      const text = await res.text();
      const json = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      if (!res.ok) {
        const type = String(json.__type ?? res.headers.get('x-amzn-errortype') ?? 'CognitoError');
        const name = type.split('#').pop()!.split(':')[0]!;
        throw new CognitoError(name, String(json.message ?? json.Message ?? text), res.status);
      }
      return json as T;
    },
  };
}
