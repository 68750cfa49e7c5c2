/**
 * AWS DynamoDB Local 1.25.1 for the compatibility run of the data-layer suite. The jar ships inside the npm
 * package amplify-dynamodb-simulator; we fetch only its tarball (`npm pack`, no dependencies) into .cache/.
 * Needs Java 17 (.ci/run installs default-jre-headless).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

const VERSION = '2.9.30';
const CACHE = resolve('.cache/dynamodb-local');
const EMULATOR = join(CACHE, 'package/emulator');

export function javaAvailable(): boolean {
  return spawnSync('java', ['-version'], { stdio: 'ignore' }).status === 0;
}

/** Downloads and unpacks the jar once; returns the emulator directory. */
export function ensureDynamoDbLocalJar(): string {
  if (existsSync(join(EMULATOR, 'DynamoDBLocal.jar'))) return EMULATOR;
  mkdirSync(CACHE, { recursive: true });
  execFileSync('npm', ['pack', `amplify-dynamodb-simulator@${VERSION}`, '--silent'], {
    cwd: CACHE,
    stdio: 'ignore',
  });
  execFileSync('tar', ['xzf', `amplify-dynamodb-simulator-${VERSION}.tgz`], { cwd: CACHE });
  return EMULATOR;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolvePort(port));
    });
  });
}

export async function startDynamoDbLocal(): Promise<{ endpoint: string; close(): Promise<void> }> {
  const dir = ensureDynamoDbLocalJar();
  const port = await freePort();
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${join(dir, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(dir, 'DynamoDBLocal.jar'),
      '-inMemory',
      '-disableTelemetry',
      '-port',
      String(port),
    ],
    { cwd: CACHE, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with ${child.exitCode}`);
    try {
      const res = await fetch(endpoint, { method: 'POST' });
      if (res.status > 0) break;
    } catch {
      if (Date.now() > deadline) throw new Error('DynamoDB Local did not start within 60 s');
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    endpoint,
    close: () =>
      new Promise<void>((resolveClose) => {
        child.once('exit', () => resolveClose());
        child.kill('SIGTERM');
      }),
  };
}
