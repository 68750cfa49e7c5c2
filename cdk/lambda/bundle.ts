/**
 * How every cpflow Lambda is bundled — by the stack (through a child process, see code.ts) and by
 * `npm run bench` (tests/bench/bundles.bench.ts), so the bench measures exactly what is deployed.
 *
 * esbuild's API rather than NodejsFunction's CLI bundling because of plugins that keep what esbuild cannot
 * tree-shake out of the bundles. zod 4's `z` is a namespace object re-exported from zod's index, so every bundle
 * that imports `z` carried all of zod (≈ 460 KB minified):
 * - `zodEnglishOnly`: `z.locales` with English only (≈ 258 KB less); cpflow's messages are English and rewritten
 *   into its own error shape;
 * - `zodNamespaceImports`: cpflow's own `import { z } from 'zod'` (or from '@hono/zod-openapi') becomes
 *   `import * as z from` zod's classic module — the same module and the same object, but a namespace import whose
 *   `z.object(…)` uses esbuild does tree-shake (≈ 100 KB less per task function);
 * - `honoZodOpenapiNamespace`: the same for @hono/zod-openapi, which hands the whole namespace to
 *   `extendZodWithOpenApi` (≈ 100 KB less in the api);
 * - `jsonformsLodashPure`: @jsonforms/core's CommonJS lodash imports declared free of side effects, so those the
 *   server's few jsonforms calls do not use are dropped (≈ 50 KB less in the api).
 * docs/decisions.md D9 has the figures.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions, Metafile, Plugin } from 'esbuild';
import { build } from 'esbuild';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface BundleSpec {
  /** Handler source, relative to the repository root; it must export `handler`. */
  readonly entry: string;
  /** Repository folders whose *.json files ship beside the handler under `catalogue/<folder>/`. */
  readonly copy?: readonly string[];
  /**
   * Whether the function runs task handlers in process through the registry's `load()` (the dry run). Elsewhere
   * those dynamic imports are never taken on Lambda — each task function is its own Lambda — and are left out.
   */
  readonly runsTaskHandlers?: boolean;
  /** Files worked out at build time and written beside the handler (GENERATED). */
  readonly generate?: readonly GeneratedFiles[];
}

/**
 * What a bundle may carry besides code, made by cpflow's own modules when the bundle is built (imported only then,
 * so the CDK app does not load them): the api's route table and OpenAPI document (lambdas/api/route-table.ts).
 */
export const GENERATED = {
  'api-routes': async (outDir: string) =>
    (await import('../../lambdas/api/route-table')).writeRouteFiles(outDir),
} as const satisfies Record<string, (outDir: string) => Promise<void>>;

export type GeneratedFiles = keyof typeof GENERATED;

export interface BundleResult {
  readonly spec: BundleSpec;
  /** The folder to deploy: the handler module, the chunks it may load, and any copied files. */
  readonly dir: string;
  /** The handler module, `<dir>/index.mjs`. */
  readonly file: string;
  /** The Lambda handler setting: `index.handler`. */
  readonly handler: string;
  /** Minified bytes loaded at cold start: the handler module and the chunks it imports statically. */
  readonly bytes: number;
  /**
   * The most one lazily imported module adds to a cold start when first used: minified bytes of the cold-start code
   * plus that module and what it imports statically (the api: its heaviest route module; the catalogue loader: its
   * work on Create and Update). Equal to `bytes` when nothing is imported lazily.
   */
  readonly firstUseBytes: number;
  /** The lazily imported module behind `firstUseBytes` (its source path), if any. */
  readonly firstUseModule?: string;
  /** Minified bytes of every module the function can load, lazily loaded chunks included. */
  readonly totalBytes: number;
  /** Bytes loaded at cold start, by package (node_modules package name, or the repository folder). */
  readonly byPackage: Readonly<Record<string, number>>;
}

/** `lambdas/api/handler.ts` → `lambdas_api_handler`: a folder name for the function's bundle. */
export const moduleName = (entry: string) => entry.replace(/\.[cm]?ts$/, '').replace(/[^A-Za-z0-9-]/g, '_');

/**
 * Left out of every bundle: code reached only through a dynamic import that never runs on Lambda — the SDK's
 * credential sources other than the environment (Lambda always sets AWS_ACCESS_KEY_ID …; the runtime ships these
 * packages too), and LevelDB, which only the durable local engine opens (the dry run's engine is in memory).
 */
export const NEVER_LOADED_ON_LAMBDA = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
  'classic-level',
];

/** zod 4: `z.locales` with English only (see the module comment). */
export const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-english-only' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

const ZOD_CLASSIC = join(REPO_ROOT, 'node_modules', 'zod', 'v4', 'classic', 'external.js');
const ZOD_IMPORT = "import { z } from 'zod';";
/** `import { …, z, … } from '@hono/zod-openapi'`: the same `z`, re-exported. */
const HONO_Z_IMPORT = /import \{([^}]*)\} from '@hono\/zod-openapi';/;

/**
 * cpflow's `import { z } from 'zod'` (and the `z` it takes from @hono/zod-openapi, which re-exports zod's) as a
 * namespace import of the very module zod's index re-exports.
 */
export const zodNamespaceImports: Plugin = {
  name: 'zod-namespace-imports',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined;
      const source = await readFile(args.path, 'utf8');
      const namespace = `import * as z from ${JSON.stringify(ZOD_CLASSIC)};`;
      let contents = source.replace(ZOD_IMPORT, namespace);
      contents = contents.replace(HONO_Z_IMPORT, (whole, names: string) => {
        const list = names
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean);
        if (!list.includes('z')) return whole;
        const rest = list.filter((n) => n !== 'z');
        return (rest.length ? `import { ${rest.join(', ')} } from '@hono/zod-openapi'; ` : '') + namespace;
      });
      return contents === source ? undefined : { contents, loader: 'ts' };
    });
  },
};

const HONO_ZOD_OPENAPI = /[\\/]node_modules[\\/]@hono[\\/]zod-openapi[\\/]dist[\\/]index\.mjs$/;

/**
 * @hono/zod-openapi imports zod's `z` and passes the whole namespace to `extendZodWithOpenApi(z)`, which reads
 * only `z.ZodType`: a namespace used as a value keeps every export of zod (≈ 100 KB more than cpflow's own schemas
 * use). Its module is loaded with a namespace import and `{ ZodType }` passed instead — the same prototype patched.
 */
export const honoZodOpenapiNamespace: Plugin = {
  name: 'hono-zod-openapi-namespace',
  setup(b) {
    b.onLoad({ filter: HONO_ZOD_OPENAPI }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const edits: [string, string][] = [
        ['import { z } from "zod";', `import * as z from ${JSON.stringify(ZOD_CLASSIC)};`],
        ['extendZodWithOpenApi(z);', 'extendZodWithOpenApi({ ZodType: z.ZodType });'],
      ];
      let contents = source;
      for (const [from, to] of edits) {
        if (!contents.includes(from))
          throw new Error(`${args.path}: expected \`${from}\` (see cdk/lambda/bundle.ts)`);
        contents = contents.replace(from, to);
      }
      return { contents, loader: 'js' };
    });
  },
};

/**
 * @jsonforms/core's ES module imports two dozen lodash functions as CommonJS modules, which esbuild must keep
 * (and run) even when the jsonforms functions using them are shaken out. cpflow's server calls only a few jsonforms
 * functions (rule evaluation, data paths). lodash's modules have no side effects, so they are declared as such
 * for this importer and only the ones in use stay.
 */
export const jsonformsLodashPure: Plugin = {
  name: 'jsonforms-lodash-pure',
  setup(b) {
    b.onResolve({ filter: /^(lodash\/|ajv-formats$)/ }, async (args) => {
      if (!/[\\/]node_modules[\\/]@jsonforms[\\/]core[\\/]/.test(args.importer)) return undefined;
      if (args.pluginData === 'jsonforms-lodash-pure') return undefined;
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'jsonforms-lodash-pure',
      });
      return resolved.errors.length ? undefined : { path: resolved.path, sideEffects: false };
    });
  },
};

const REGISTRY = join(REPO_ROOT, 'lambdas', 'registry.ts');

/**
 * lambdas/registry.ts names every task function and imports its handler on `load()`, which only local/ calls (the
 * local runtime, the dry run). In a Lambda that does not run task handlers, those imports become a module that
 * fails when imported, instead of every task handler as a chunk nobody loads.
 */
export const registryWithoutHandlers: Plugin = {
  name: 'registry-without-handlers',
  setup(b) {
    b.onResolve({ filter: /\/handler$/ }, (args) =>
      args.kind === 'dynamic-import' && args.importer === REGISTRY
        ? { path: args.path, namespace: 'registry-without-handlers' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'registry-without-handlers' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path}: task handlers run in their own Lambdas, not in this one`)});`,
      loader: 'js',
    }));
  },
};

export function buildOptions(spec: BundleSpec, outDir: string): BuildOptions {
  return {
    absWorkingDir: REPO_ROOT,
    entryPoints: { index: resolve(REPO_ROOT, spec.entry) },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    // Code behind a dynamic import (the registry's task handlers, which the api only names) goes to chunks that
    // are loaded when first imported, not at cold start.
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    mainFields: ['module', 'main'],
    minify: true,
    // Domain errors take their name from their class (`this.name = new.target.name`) and workflows Catch them
    // by that name, so class names must survive minification.
    keepNames: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'error',
    external: NEVER_LOADED_ON_LAMBDA,
    plugins: [
      zodEnglishOnly,
      zodNamespaceImports,
      honoZodOpenapiNamespace,
      jsonformsLodashPure,
      ...(spec.runsTaskHandlers ? [] : [registryWithoutHandlers]),
    ],
    // CommonJS dependencies call require() for Node built-ins; an ES module has none unless we make one.
    banner: {
      js: "import { createRequire as __cpRequire } from 'node:module'; const require = __cpRequire(import.meta.url);",
    },
  };
}

type Output = Metafile['outputs'][string];

/** The outputs a module loads: statically imported ones, and with `lazy` the dynamically imported ones too. */
function closure(meta: Metafile, entry: string, lazy: boolean): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imp of meta.outputs[name]?.imports ?? []) {
      if (imp.external) continue;
      if (imp.kind === 'import-statement' || (lazy && imp.kind === 'dynamic-import')) visit(imp.path);
    }
  };
  visit(entry);
  return [...seen];
}

/** The outputs the given ones import dynamically (each a module loaded on first use). */
function lazyImports(meta: Metafile, from: readonly string[]): string[] {
  const out = new Set<string>();
  for (const name of from) {
    for (const imp of meta.outputs[name]?.imports ?? []) {
      if (!imp.external && imp.kind === 'dynamic-import') out.add(imp.path);
    }
  }
  return [...out];
}

function byPackage(outputs: Output[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const output of outputs) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
      const key = m ? m[1]!.replace(/\\/g, '/') : dirname(relative(REPO_ROOT, file.replace(/^[a-z-]+:/, '')));
      out[key] = (out[key] ?? 0) + bytesInOutput;
    }
  }
  return out;
}

function copyJson(folders: readonly string[], outDir: string): void {
  for (const folder of folders) {
    const from = join(REPO_ROOT, folder);
    const to = join(outDir, 'catalogue', folder);
    mkdirSync(to, { recursive: true });
    if (!existsSync(from)) continue;
    for (const name of readdirSync(from).filter((f) => f.endsWith('.json'))) {
      cpSync(join(from, name), join(to, name));
    }
  }
}

/** Bundles one function into `outDir` (emptied first): `index.mjs`, its chunks, and the copied files. */
export async function bundle(spec: BundleSpec, outDir: string): Promise<BundleResult> {
  rmSync(outDir, { recursive: true, force: true });
  const meta = (await build(buildOptions(spec, outDir))).metafile!;
  copyJson(spec.copy ?? [], outDir);
  for (const files of spec.generate ?? []) await GENERATED[files](outDir);
  const entry = Object.keys(meta.outputs).find((name) => /(^|\/)index\.mjs$/.test(name))!;
  const eagerNames = closure(meta, entry, false);
  const eager = eagerNames.map((n) => meta.outputs[n]!);
  const all = closure(meta, entry, true).map((n) => meta.outputs[n]!);
  const size = (names: Iterable<string>) => [...names].reduce((n, name) => n + meta.outputs[name]!.bytes, 0);
  const bytes = size(eagerNames);
  let firstUse = { bytes, module: undefined as string | undefined };
  for (const lazy of lazyImports(meta, eagerNames)) {
    const used = size(new Set([...eagerNames, ...closure(meta, lazy, false)]));
    if (used > firstUse.bytes) firstUse = { bytes: used, module: meta.outputs[lazy]?.entryPoint ?? lazy };
  }
  return {
    spec,
    dir: outDir,
    file: join(outDir, 'index.mjs'),
    handler: 'index.handler',
    bytes,
    firstUseBytes: firstUse.bytes,
    ...(firstUse.module ? { firstUseModule: firstUse.module } : {}),
    totalBytes: all.reduce((n, o) => n + o.bytes, 0),
    byPackage: byPackage(eager),
  };
}

/**
 * Bundles each spec on its own into `<outDir>/<moduleName>/`, two at a time (esbuild parallelises within a build
 * too). One esbuild run for all of them would parse shared code once, but its shared chunks carry the union of
 * what every function uses from a module; a run per function keeps each bundle to what that function imports.
 */
export async function bundleAll(
  specs: readonly BundleSpec[],
  outDir: string,
  concurrency = 2,
): Promise<BundleResult[]> {
  const results: BundleResult[] = new Array(specs.length);
  let next = 0;
  const worker = async () => {
    while (next < specs.length) {
      const i = next++;
      const spec = specs[i]!;
      results[i] = await bundle(spec, join(outDir, moduleName(spec.entry)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, specs.length) }, worker));
  return results;
}
