/** Every Lambda cpflow deploys, as bundle specs: the registry's task functions and the four platform functions. */
import type { TaskFunction } from '../../lambdas/registry';
import type { BundleSpec } from './bundle';

export const PLATFORM_BUNDLES = {
  // The route table and OpenAPI document of the lazy app (lambdas/api/lazy-app.ts) ship beside the handler.
  api: { entry: 'lambdas/api/handler.ts', generate: ['api-routes'] },
  publish: { entry: 'lambdas/publish/handler.ts' },
  // The dry run calls pure task functions in process (local/dry-run.ts).
  dryRun: { entry: 'lambdas/dry-run/handler.ts', runsTaskHandlers: true },
  catalogueLoader: {
    entry: 'lambdas/catalogue-loader/handler.ts',
    // The starter catalogue ships beside the loader (local/catalogue.ts reads these folders).
    copy: ['forms', 'workflows', 'reference'],
  },
} as const satisfies Record<string, BundleSpec>;

export function allBundleSpecs(functions: readonly TaskFunction[]): BundleSpec[] {
  return [...functions.map((f) => ({ entry: f.entry })), ...Object.values(PLATFORM_BUNDLES)];
}
