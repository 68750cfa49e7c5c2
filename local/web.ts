/**
 * Serves the built web app (web/dist) next to the API: static files, and index.html for every other non-API path
 * so client-side routes survive a reload.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

export function withWebApp(
  api: { fetch: (req: Request) => Response | Promise<Response> },
  distDir = 'web/dist',
) {
  const root = resolve(distDir);
  const app = new Hono();
  app.all('/api/*', (c) => api.fetch(c.req.raw));
  if (!existsSync(join(root, 'index.html'))) {
    app.get('*', (c) => c.text('The web app is not built: run `npm run build`.', 503));
    return app;
  }
  const index = readFileSync(join(root, 'index.html'), 'utf8');
  app.use(
    '/assets/*',
    serveStatic({
      root: distDir,
      onFound: (_p, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable'),
    }),
  );
  app.use('*', serveStatic({ root: distDir }));
  app.get('*', (c) => c.html(index));
  return app;
}
