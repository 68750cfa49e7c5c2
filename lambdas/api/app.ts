/**
 * The HTTP API: one Hono app, served by @hono/node-server locally (local/server.ts) and by hono/aws-lambda on
 * AWS (api/handler.ts). Tests call `app.request()` directly.
 *
 * On AWS the api Lambda serves the same routes through lazy-app.ts, which loads each route module on first use:
 * a route module mounted here must also be listed, in the same place, in routes/lazy.ts (a test compares them).
 */
import { baseApp, finishApp, serveDocument } from './base';
import type { AppDeps } from './deps';
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

export function createApp(deps: AppDeps) {
  const app = baseApp(deps);

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

  serveDocument(app);

  return finishApp(app, deps);
}

export type App = ReturnType<typeof createApp>;
