/**
 * The API routes API Gateway serves without a token, read from the app itself: every route declared `open`
 * (`x-roles: public` in its OpenAPI document) plus the document. A route the app adds later as `open` is public on
 * AWS at the next deploy, with nothing to keep in step by hand.
 */
import { createApp } from '../lambdas/api/app';
import type { AppDeps } from '../lambdas/api/deps';
import type { PublicRoute } from './constructs/api';

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

export function publicRoutes(): PublicRoute[] {
  // Building the app touches only the body limit; no request is served.
  const app = createApp({ config: { maxBodyBytes: 1 } } as AppDeps);
  const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'cpflow', version: '0' } });
  const routes: PublicRoute[] = [{ method: 'GET', path: '/api/openapi.json' }];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item ?? {})) {
      if (METHODS.has(method) && (op as { 'x-roles'?: unknown })['x-roles'] === 'public') {
        routes.push({ method: method.toUpperCase(), path });
      }
    }
  }
  return routes;
}
