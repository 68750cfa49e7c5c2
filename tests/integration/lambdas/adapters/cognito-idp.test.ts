/**
 * The Cognito adapter over the SDK client, against a local server speaking Cognito's wire protocol (AWS JSON 1.1:
 * POST /, `X-Amz-Target: AWSCognitoIdentityProviderService.<action>`, errors as `{ __type, message }`): requests
 * carry the action, the JSON input and a SigV4 signature for cognito-idp; answers come back without SDK metadata;
 * error answers become CognitoErrors with Cognito's name, message and status.
 */
import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CognitoIdp } from '../../../../lambdas/adapters/cognito-idp';
import { CognitoError, cognitoIdp } from '../../../../lambdas/adapters/cognito-idp';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** What the server answers next: status and JSON body. */
let reply: { status: number; body: unknown } = { status: 200, body: {} };
const received: Received[] = [];
let server: Server;
let idp: CognitoIdp;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'),
      });
      res.writeHead(reply.status, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': 'req-1',
      });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  idp = cognitoIdp({
    region: 'ap-east-1',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token-1' },
  });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Sends one call with `answer` prepared; returns the outcome and the request the server saw. */
async function exchange(
  action: string,
  input: Record<string, unknown>,
  answer: { status: number; body: unknown },
) {
  reply = answer;
  received.length = 0;
  const outcome = await idp.call(action, input).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  return { outcome, request: received[0] };
}

describe('cognitoIdp', () => {
  it('sends the action as the target header, the input as JSON, signed for cognito-idp', async () => {
    const input = {
      UserPoolId: 'ap-east-1_AbCdEf123',
      Username: 'alice',
      UserAttributes: [{ Name: 'custom:userId', Value: 'usr_1' }],
      MessageAction: 'SUPPRESS',
    };
    const { outcome, request } = await exchange('AdminCreateUser', input, {
      status: 200,
      body: { User: { Username: 'alice', Enabled: true } },
    });
    expect(outcome).toEqual({ value: { User: { Username: 'alice', Enabled: true } } });
    expect(received).toHaveLength(1);
    expect(request).toMatchObject({ method: 'POST', url: '/', body: input });
    expect(request!.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.AdminCreateUser');
    expect(request!.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(request!.headers['x-amz-security-token']).toBe('token-1');
    expect(request!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/ap-east-1\/cognito-idp\/aws4_request, SignedHeaders=[^,]*x-amz-target[^,]*, Signature=[0-9a-f]{64}$/,
    );
  });

  it('returns the answer of InitiateAuth without the SDK metadata', async () => {
    const { outcome, request } = await exchange(
      'InitiateAuth',
      {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: 'client123',
        AuthParameters: { USERNAME: 'alice', PASSWORD: 'Secret-pass-1' },
      },
      { status: 200, body: { AuthenticationResult: { IdToken: 'id.token.sig', ExpiresIn: 3600 } } },
    );
    expect(request!.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.InitiateAuth');
    expect(outcome).toEqual({
      value: { AuthenticationResult: { IdToken: 'id.token.sig', ExpiresIn: 3600 } },
    });
  });

  it.each([
    ['UsernameExistsException', 'UsernameExistsException'],
    ['NotAuthorizedException', 'com.amazonaws.cognito.identityprovider#NotAuthorizedException'],
    ['InvalidPasswordException', 'InvalidPasswordException:http://internal.amazon.com/coral/'],
    ['SomeFutureException', 'SomeFutureException'],
  ])('maps an error answer of type %s to a CognitoError (__type %s)', async (name, type) => {
    const { outcome } = await exchange(
      'AdminGetUser',
      { UserPoolId: 'p', Username: 'bob' },
      { status: 400, body: { __type: type, message: `${name}: no` } },
    );
    const error = (outcome as { error: unknown }).error;
    expect(error).toBeInstanceOf(CognitoError);
    expect(error).toMatchObject({ name, message: `${name}: no`, status: 400 });
  });

  it('refuses an action cpflow does not use, without a request', async () => {
    const { outcome } = await exchange('DeleteUserPool', { UserPoolId: 'p' }, { status: 200, body: {} });
    expect(String((outcome as { error: unknown }).error)).toMatch(/DeleteUserPool is not one of the actions/);
    expect(received).toHaveLength(0);
  });

  it('lets a failure to reach Cognito through unchanged', async () => {
    const unreachable = cognitoIdp({
      region: 'ap-east-1',
      endpoint: 'http://127.0.0.1:9',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    });
    const error = await unreachable.call('AdminGetUser', { UserPoolId: 'p', Username: 'x' }).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(CognitoError);
  });
});
