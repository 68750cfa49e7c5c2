/**
 * Lambda code for the stack: each function's bundle (bundle.ts) as a CDK asset, bundled locally — never in Docker.
 * The CDK's local-bundling hook is synchronous, so bundling runs bundle-cli.ts in a child process; `prepare` lets
 * the stack bundle every function in one such process. The asset hash is the bundle's own
 * (AssetHashType.OUTPUT), so an unchanged bundle is not uploaded again.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { BundleResult, BundleSpec } from './bundle';
import { REPO_ROOT } from './bundle';

/** Turns a bundle spec into Lambda code; the stack takes one so tests can skip bundling. */
export interface LambdaCode {
  code(spec: BundleSpec): lambda.Code;
  /** The handler setting for code made by `code`. */
  readonly handler: string;
  /** Told every spec before the first `code` call, so bundling can happen in one go. */
  prepare?(specs: readonly BundleSpec[]): void;
}

const keyOf = (spec: BundleSpec) =>
  JSON.stringify([spec.entry, spec.copy ?? [], spec.generate ?? [], spec.runsTaskHandlers ?? false]);

/** esbuild bundles (bundle.ts), made in a child process and copied into each asset as the CDK stages it. */
export class EsbuildCode implements LambdaCode {
  readonly handler = 'index.handler';
  private readonly bundles = new Map<string, string>();
  private workDir?: string;

  prepare(specs: readonly BundleSpec[]): void {
    const missing = specs.filter((s) => !this.bundles.has(keyOf(s)));
    if (!missing.length) return;
    if (!this.workDir) {
      const dir = mkdtempSync(join(tmpdir(), 'cpflow-lambdas-'));
      this.workDir = dir;
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    }
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(REPO_ROOT, 'cdk', 'lambda', 'bundle-cli.ts'),
        JSON.stringify(missing),
        this.workDir,
      ],
      { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
    );
    if (r.status !== 0) throw new Error(`bundling the Lambdas failed (exit ${r.status ?? r.signal})`);
    for (const result of JSON.parse(r.stdout) as BundleResult[])
      this.bundles.set(keyOf(result.spec), result.dir);
  }

  code(spec: BundleSpec): lambda.Code {
    return lambda.Code.fromAsset(REPO_ROOT, {
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        // Never pulled: local bundling always succeeds or throws. The CDK requires an image all the same.
        image: DockerImage.fromRegistry('cpflow-bundles-locally'),
        // Part of the CDK's asset cache key, which ignores the `local` hook: one entry, one asset.
        command: [
          'cpflow-bundle',
          spec.entry,
          ...(spec.copy ?? []),
          ...(spec.generate ?? []),
          ...(spec.runsTaskHandlers ? ['task-handlers'] : []),
        ],
        local: {
          tryBundle: (outputDir) => {
            this.prepare([spec]);
            cpSync(this.bundles.get(keyOf(spec))!, outputDir, { recursive: true });
            return true;
          },
        },
      },
    });
  }
}

/**
 * Placeholder code for tests that assert resources rather than bundles: synthesis without bundling. The bundles
 * themselves are built and measured by `npm run bench` and made by `npm run synth`.
 */
export const placeholderCode: LambdaCode = {
  handler: 'index.handler',
  code: (spec) => lambda.Code.fromInline(`// ${spec.entry}\nexports.handler = async () => ({});`),
};
