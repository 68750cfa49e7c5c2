/**
 * `node --import tsx cdk/lambda/bundle-cli.ts '<BundleSpec[] JSON>' <outDir>`: bundles the functions (bundle.ts)
 * into `<outDir>/<name>/` and prints the results as JSON. The CDK's local bundling hook is synchronous and esbuild
 * plugins need the asynchronous API, so code.ts runs this in a child process — once per synth for all functions.
 */
import { bundleAll } from './bundle';

const [specsJson, outDir] = process.argv.slice(2);
if (!specsJson || !outDir) {
  console.error('usage: bundle-cli <specs-json> <outDir>');
  process.exit(2);
}
process.stdout.write(JSON.stringify(await bundleAll(JSON.parse(specsJson), outDir)));
