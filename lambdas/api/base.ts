/**
 * What every API app has around its routes: request validation answered in cpflow's error shape, the deps on the
 * context, body limits, refusal of invalid Unicode (`baseApp`), and the 404 and error answers (`finishApp`). The
 * whole app (app.ts) and each route group of the api Lambda's lazy app (lazy-app.ts) are built from these, so a
 * request is treated the same either way.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_FILE_BYTES } from '../core/files/files';
import type { AppDeps, AppEnv } from './deps';
import { errorBody, toErrorResponse } from './errors';
import { validUnicode } from './middleware/unicode';

/** The document `/api/openapi.json` describes the routes with. */
export const OPENAPI_OBJECT = {
  openapi: '3.1.0',
  info: { title: 'cpflow API', version: '0.1.0', description: 'Cleaner-production audit programmes' },
} as const;

export function baseApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const details = result.error.issues.map((i) => ({
          path: '/' + i.path.map(String).join('/'),
          message: i.message,
        }));
        return c.json(errorBody('INVALID_REQUEST', 'the request does not match its schema', details), 400);
      }
    },
  });

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  const tooLarge = (c: Context<AppEnv>) =>
    c.json(errorBody('PAYLOAD_TOO_LARGE', `request body over ${deps.config.maxBodyBytes} bytes`), 413);
  const streamedLimit = bodyLimit({ maxSize: deps.config.maxBodyBytes, onError: tooLarge });
  // A body of declared length is judged by its header, as hono's bodyLimit judges it, but without bodyLimit's
  // first look at `c.req.raw.body`: that makes @hono/node-server build a whole web Request and stream for the body,
  // where reading it straight from Node's request does not (D28). A body without a declared length is counted as
  // it streams, by bodyLimit; a GET or HEAD has none.
  const jsonLimit: MiddlewareHandler<AppEnv> = (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('transfer-encoding') ? undefined : c.req.header('content-length');
    if (length === undefined) return streamedLimit(c, next);
    return parseInt(length, 10) > deps.config.maxBodyBytes ? Promise.resolve(tooLarge(c)) : next();
  };
  const fileLimit = bodyLimit({
    maxSize: MAX_FILE_BYTES,
    onError: (c) =>
      c.json(errorBody('PAYLOAD_TOO_LARGE', `files are limited to ${MAX_FILE_BYTES} bytes`), 413),
  });
  app.use('/api/*', (c, next) =>
    /^\/api\/files\/[^/]+\/content$/.test(c.req.path) ? fileLimit(c, next) : jsonLimit(c, next),
  );

  app.use('/api/*', validUnicode);
  return app;
}

/** Serves `/api/openapi.json`, describing the routes mounted so far. */
export function serveDocument(app: ReturnType<typeof baseApp>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  app.doc31('/api/openapi.json', OPENAPI_OBJECT);
}

export function finishApp<A extends ReturnType<typeof baseApp>>(app: A, deps: AppDeps): A {
  app.notFound((c) => c.json(errorBody('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`), 404));
  app.onError((err, c) => toErrorResponse(err, c, (e) => deps.log('unhandled error', e)));
  return app;
}
