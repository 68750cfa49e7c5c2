import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * Four projects, chosen on the command line (`--project unit` …):
 * - unit: pure functions, no network, no disk;
 * - integration: real embedded DynamoDB and Step Functions servers over their wire protocols, and the crash soak
 *   against `npm start` at CI size (tests/soak);
 * - web: React components and custom renderers in happy-dom;
 * - e2e: the built web app in Debian's Chromium through playwright-core (`npm run test:e2e`).
 */
export default defineConfig({
  test: {
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/support/polyfills.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: [
            'tests/integration/**/*.test.ts',
            'tests/security/**/*.test.ts',
            // the crash soak at CI size (`npm run soak` for the full one)
            'tests/soak/**/*.test.ts',
          ],
          environment: 'node',
          setupFiles: ['tests/support/polyfills.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          include: ['tests/web/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
