/**
 * The API as the api Lambda serves it: the same routes as app.ts, but each route module — with the core code and
 * libraries only it uses — loaded when a request first reaches one of its routes. A cold start then loads the
 * router, the adapters and the SDK clients, not the whole API (docs/decisions.md D9: the ≤ 500 KB bundle target).
 *
 * Which module serves which route (`routes`) and the OpenAPI document are worked out when the Lambda is bundled
 * (route-table.ts); each module is mounted on its own app built like app.ts (base.ts), so a request is validated,
 * limited and answered exactly as app.ts would. Requests no route matches go to such an app without routes.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from './deps';
import { toErrorResponse } from './errors';
import type { RouteModule, RouteModuleName } from './routes/lazy';
import { LAZY_ROUTES } from './routes/lazy';

/** The files the bundler writes beside the api handler (route-table.ts writes them, handler.ts reads them). */
export const ROUTES_FILE = 'api-routes.json';
export const OPENAPI_FILE = 'openapi.json';

/** One route of the API and the module that declares it (Hono path syntax, `:id`). */
export interface RouteEntry {
  method: string;
  path: string;
  module: RouteModuleName;
}

export interface LazyAppOptions {
  /** Every route, in app.ts's order (the first match wins where paths overlap). */
  routes: readonly RouteEntry[];
  /** The OpenAPI document's JSON text (built when the Lambda is bundled). */
  openApiDocument: () => Promise<string>;
  /** The route modules; default LAZY_ROUTES. */
  modules?: Readonly<Record<RouteModuleName, () => Promise<RouteModule>>>;
}

export function createLazyApp(deps: AppDeps, opts: LazyAppOptions) {
  const modules = opts.modules ?? LAZY_ROUTES;
  const apps = new Map<string, Promise<Hono<AppEnv>>>();

  /** The app serving one module's routes (or, with null, no routes), built on first use. */
  function appFor(name: RouteModuleName | null): Promise<Hono<AppEnv>> {
    const key = name ?? '';
    let app = apps.get(key);
    if (!app) {
      app = (async () => {
        const { baseApp, finishApp } = await import('./base');
        const base = baseApp(deps);
        if (name) base.route('/', await modules[name]());
        return finishApp(base, deps);
      })();
      apps.set(key, app);
      // A module that failed to load is tried again by the next request.
      app.catch(() => apps.delete(key));
    }
    return app;
  }

  const dispatch = (name: RouteModuleName | null) => async (c: Context<AppEnv>) =>
    (await appFor(name)).fetch(c.req.raw, c.env);

  const app = new Hono<AppEnv>();
  app.get('/api/openapi.json', async (c) =>
    c.body(await opts.openApiDocument(), 200, { 'content-type': 'application/json' }),
  );
  for (const route of opts.routes) app.on(route.method, route.path, dispatch(route.module));
  app.all('*', dispatch(null));
  app.onError((err, c) => toErrorResponse(err, c, (e) => deps.log('unhandled error', e)));
  return app;
}
