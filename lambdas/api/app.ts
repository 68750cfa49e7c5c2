/**
 * The HTTP API: one Hono app, served by @hono/node-server locally (local/server.ts) and by hono/aws-lambda on
 * AWS (api/handler.ts). Tests call `app.request()` directly.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { AppDeps, AppEnv } from './deps';
import { errorBody, toErrorResponse } from './errors';
import { validUnicode } from './middleware/unicode';
import { adminOrganisations } from './routes/admin-organisations';
import { adminUsers } from './routes/admin-users';
import { auth } from './routes/auth';
import { health } from './routes/health';
import { regions } from './routes/regions';
import { adminCatalogue } from './routes/admin-catalogue';
import { adminForms } from './routes/admin-forms';
import { adminWorkflows } from './routes/admin-workflows';
import { cases } from './routes/cases';
import { files } from './routes/files';
import { programmes } from './routes/programmes';
import { tasks } from './routes/tasks';
import { certificates } from './routes/certificates';
import { experts } from './routes/experts';
import { reference } from './routes/reference';
import { notifications } from './routes/notifications';
import { adminReminders } from './routes/admin-reminders';
import { adminBanks } from './routes/admin-banks';
import { referrals } from './routes/referrals';
import { incentives } from './routes/incentives';
import { exportsRoutes } from './routes/exports';
import { library } from './routes/library';
import { dashboard } from './routes/dashboard';
import { MAX_FILE_BYTES } from '../core/files/files';

export function createApp(deps: AppDeps) {
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
  const jsonLimit = bodyLimit({
    maxSize: deps.config.maxBodyBytes,
    onError: (c) =>
      c.json(errorBody('PAYLOAD_TOO_LARGE', `request body over ${deps.config.maxBodyBytes} bytes`), 413),
  });
  const fileLimit = bodyLimit({
    maxSize: MAX_FILE_BYTES,
    onError: (c) =>
      c.json(errorBody('PAYLOAD_TOO_LARGE', `files are limited to ${MAX_FILE_BYTES} bytes`), 413),
  });
  app.use('/api/*', (c, next) =>
    /^\/api\/files\/[^/]+\/content$/.test(c.req.path) ? fileLimit(c, next) : jsonLimit(c, next),
  );

  app.use('/api/*', validUnicode);

  app.route('/', health);
  app.route('/', auth);
  app.route('/', regions);
  app.route('/', adminOrganisations);
  app.route('/', adminUsers);
  app.route('/', adminForms);
  app.route('/', adminWorkflows);
  app.route('/', adminCatalogue);
  app.route('/', programmes);
  app.route('/', cases);
  app.route('/', tasks);
  app.route('/', files);
  app.route('/', experts);
  app.route('/', certificates);
  app.route('/', reference);
  app.route('/', notifications);
  app.route('/', adminReminders);
  app.route('/', adminBanks);
  app.route('/', referrals);
  app.route('/', incentives);
  app.route('/', exportsRoutes);
  app.route('/', library);
  app.route('/', dashboard);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'cpflow API', version: '0.1.0', description: 'Cleaner-production audit programmes' },
  });

  app.notFound((c) => c.json(errorBody('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`), 404));
  app.onError((err, c) => toErrorResponse(err, c, (e) => deps.log('unhandled error', e)));
  return app;
}

export type App = ReturnType<typeof createApp>;
