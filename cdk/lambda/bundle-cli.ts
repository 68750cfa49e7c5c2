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
// stdout carries the results; anything else printed while bundling (files some bundles generate import cpflow's
// own modules, see GENERATED in bundle.ts) goes to stderr so it cannot corrupt them.
const stdout = process.stdout.write.bind(process.stdout);
process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
stdout(JSON.stringify(await bundleAll(JSON.parse(specsJson), outDir)));
