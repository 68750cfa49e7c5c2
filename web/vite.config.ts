/**
 * The web app's build (`npm run build:web`). Root is web/, output web/dist (served by `npm start`, see
 * local/web.ts). In development (`npx vite --config web/vite.config.ts`) /api is proxied to a running
 * `npm start` on CPFLOW_API (default http://localhost:3000).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // JSON Forms' material renderers pull MUI and its icons into one large vendor chunk; the designers, charts
    // and graph views are split off with React.lazy.
    chunkSizeWarningLimit: 1600,
  },
  server: {
    proxy: { '/api': process.env.CPFLOW_API ?? 'http://localhost:3000' },
  },
});
