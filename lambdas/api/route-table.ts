/**
 * Build-time facts about the API for the api Lambda's lazy app (lazy-app.ts), written beside its bundle by
 * cdk/lambda/bundle.ts: which route module serves which route (`api-routes.json`) and the OpenAPI document
 * (`openapi.json`, the very text `GET /api/openapi.json` of app.ts answers — generating it takes about a second of
 * CPU, spent once at build time rather than on a Lambda).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppDeps } from './deps';
import type { RouteEntry } from './lazy-app';
import { OPENAPI_FILE, ROUTES_FILE } from './lazy-app';
import type { RouteModule, RouteModuleName } from './routes/lazy';
import { LAZY_ROUTES } from './routes/lazy';

/** Every route each module declares, in module order; middleware (method ALL) is not a route. */
export async function routeTable(
  modules: Readonly<Record<RouteModuleName, () => Promise<RouteModule>>> = LAZY_ROUTES,
): Promise<RouteEntry[]> {
  const out: RouteEntry[] = [];
  const seen = new Set<string>();
  for (const [module, load] of Object.entries(modules) as [RouteModuleName, () => Promise<RouteModule>][]) {
    for (const { method, path } of (await load()).routes) {
      const key = `${method} ${path}`;
      if (method === 'ALL' || seen.has(key)) continue;
      seen.add(key);
      out.push({ method, path, module });
    }
  }
  return out;
}

/**
 * The OpenAPI document of the route modules, made as app.ts makes it (base.ts `serveDocument` after every module
 * is mounted); tests/integration/lambdas/api/lazy-app.test.ts checks the text is app.ts's.
 */
export async function openApiText(
  modules: Readonly<Record<RouteModuleName, () => Promise<RouteModule>>> = LAZY_ROUTES,
): Promise<string> {
  const { baseApp, finishApp, serveDocument } = await import('./base');
  // The document route reads no deps; the app only needs the body limit to be built.
  const deps = { config: { maxBodyBytes: 1 }, log: () => {} } as unknown as AppDeps;
  const app = baseApp(deps);
  for (const load of Object.values(modules)) app.route('/', await load());
  serveDocument(app);
  const res = await finishApp(app, deps).request('/api/openapi.json');
  if (res.status !== 200) throw new Error(`the OpenAPI document failed: ${res.status} ${await res.text()}`);
  return res.text();
}

/** Writes `api-routes.json` and `openapi.json` into `dir`. */
export async function writeRouteFiles(dir: string): Promise<void> {
  writeFileSync(join(dir, ROUTES_FILE), JSON.stringify(await routeTable()));
  writeFileSync(join(dir, OPENAPI_FILE), await openApiText());
}
