/**
 * The minimal Cognito client: AWS JSON 1.1 requests signed with SigV4 (checked here against an independent
 * computation of the signature), and Cognito's error answers turned into named errors.
 */
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CognitoError, cognitoIdp } from '../../../../lambdas/adapters/cognito-idp';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'token-1',
};

interface Sent {
  url: string;
  headers: Record<string, string>;
  body: string;
}

function fakeFetch(status: number, answer: unknown, sent: Sent[]): typeof fetch {
  return (async (url: URL | string, init?: RequestInit) => {
    sent.push({
      url: String(url),
      headers: init!.headers as Record<string, string>,
      body: String(init!.body),
    });
    return new Response(JSON.stringify(answer), {
      status,
      headers: { 'content-type': 'application/x-amz-json-1.1' },
    });
  }) as typeof fetch;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s).digest();

/** SigV4 from the specification, written out independently of the SDK signer the client uses. */
function expectedSignature(sent: Sent, region: string): string {
  const h = Object.fromEntries(Object.entries(sent.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const date = h['x-amz-date']!;
  const signed = /SignedHeaders=([^,]+)/.exec(h.authorization!)![1]!.split(';');
  const canonical = [
    'POST',
    '/',
    '',
    ...signed.map((name) => `${name}:${h[name]!.trim()}`),
    '',
    signed.join(';'),
    sha256(sent.body),
  ].join('\n');
  const scope = `${date.slice(0, 8)}/${region}/cognito-idp/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', date, scope, sha256(canonical)].join('\n');
  let key = hmac(`AWS4${credentials.secretAccessKey}`, date.slice(0, 8));
  for (const part of [region, 'cognito-idp', 'aws4_request']) key = hmac(key, part);
  return hmac(key, toSign).toString('hex');
}

describe('cognitoIdp', () => {
  it('sends a signed AWS JSON 1.1 request to the regional endpoint', async () => {
    const sent: Sent[] = [];
    const idp = cognitoIdp({
      region: 'ap-east-1',
      credentials: async () => credentials,
      fetch: fakeFetch(200, { User: { Username: 'li' } }, sent),
    });
    const out = await idp.call('AdminGetUser', { UserPoolId: 'ap-east-1_x', Username: 'li' });
    expect(out).toEqual({ User: { Username: 'li' } });
    expect(sent).toHaveLength(1);
    const req = sent[0]!;
    expect(req.url).toBe('https://cognito-idp.ap-east-1.amazonaws.com/');
    expect(JSON.parse(req.body)).toEqual({ UserPoolId: 'ap-east-1_x', Username: 'li' });
    expect(req.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.AdminGetUser');
    expect(req.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(req.headers['x-amz-security-token']).toBe('token-1');
    const auth = req.headers.authorization!;
    expect(auth).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/ap-east-1\/cognito-idp\/aws4_request, /,
    );
    expect(/SignedHeaders=([^,]+)/.exec(auth)![1]!.split(';')).toEqual(
      expect.arrayContaining(['content-type', 'host', 'x-amz-date', 'x-amz-target']),
    );
    expect(/Signature=([0-9a-f]{64})$/.exec(auth)![1]).toBe(expectedSignature(req, 'ap-east-1'));
  });

  it('turns an error answer into a CognitoError named after its type', async () => {
    const idp = cognitoIdp({
      region: 'ap-east-1',
      credentials: async () => credentials,
      fetch: fakeFetch(
        400,
        {
          __type: 'com.amazonaws.cognito.identity.idp#UsernameExistsException',
          message: 'User account already exists',
        },
        [],
      ),
    });
    const err = await idp.call('AdminCreateUser', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CognitoError);
    expect(err).toMatchObject({
      name: 'UsernameExistsException',
      message: 'User account already exists',
      status: 400,
    });
  });
});
