import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { SfnApiError } from '../errors.js';
import type { WorkTracker } from '../runtime/work.js';

export type Dispatcher = (action: string, input: Record<string, unknown>) => Promise<Record<string, unknown>>;

const PREFIX = 'AWSStepFunctions.';
/** Far above any valid request (payloads are limited to 256 KiB), low enough that a runaway client cannot exhaust memory. */
const MAX_BODY = 8 * 1024 * 1024;
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/**
 * The AWS JSON 1.0 endpoint: `POST /` with `X-Amz-Target: AWSStepFunctions.<Action>`. Any credentials and
 * signature are accepted. Errors are HTTP 400 `{ __type, message }` (500 InternalFailure for bugs, logged).
 */
export function createApiServer(dispatch: Dispatcher, work: WorkTracker): ReturnType<typeof createServer> {
  return createServer((req, res) => {
    work.begin();
    handle(dispatch, req, res)
      .catch((e: unknown) => console.error('[stepfunctions] request failed:', e))
      .finally(() => work.end());
  });
}

async function handle(dispatch: Dispatcher, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  try {
    const target = String(req.headers['x-amz-target'] ?? '');
    if (req.method !== 'POST' || !target.startsWith(PREFIX)) {
      throw new SfnApiError('UnknownOperationException', `Unknown operation '${target}'`);
    }
    let input: unknown = {};
    if (body.trim() !== '') {
      try {
        input = JSON.parse(body);
      } catch {
        throw new SfnApiError('SerializationException', 'The request body is not valid JSON');
      }
    }
    if (!input || typeof input !== 'object' || Array.isArray(input))
      throw new SfnApiError('SerializationException', 'The request body must be a JSON object');
    const out = await dispatch(target.slice(PREFIX.length), input as Record<string, unknown>);
    send(res, 200, out);
  } catch (e) {
    if (e instanceof SfnApiError) {
      send(res, e.status, { __type: e.type, message: e.message });
      return;
    }
    console.error('[stepfunctions] internal error:', e);
    send(res, 500, { __type: 'com.amazon.coral.service#InternalFailure', message: 'Internal failure' });
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        req.destroy();
        reject(new SfnApiError('SerializationException', 'The request body is too large'));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  res.end(text);
}
