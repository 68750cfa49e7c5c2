/** `npm start` as a child process (the real entry point), for restart and crash tests and benchmarks. */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { freePort } from './dynamodb-local';

/** The V8 flags `npm start` runs with (package.json's start script; docs/decisions.md D26). */
export const NPM_START_NODE_FLAGS = ['--max-semi-space-size=64'];

export interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

export interface Ports {
  port: number;
  dynamodbPort: number;
  sfnPort: number;
}

export async function freePorts(): Promise<Ports> {
  return { port: await freePort(), dynamodbPort: await freePort(), sfnPort: await freePort() };
}

export async function startCpflow(
  dataDir: string,
  ports: Ports,
  args: string[] = [],
  env: Record<string, string> = {},
  /** How long to wait for it to listen (the first start loads the catalogue: slow on a loaded machine). */
  readyMs = 90_000,
): Promise<Started> {
  // as `npm start` runs it, without the web build check
  const node = [...NPM_START_NODE_FLAGS, '--import', 'tsx'];
  const child = spawn(process.execPath, [...node, 'local/main.ts', ...args], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(ports.port),
      DYNAMODB_LOCAL_PORT: String(ports.dynamodbPort),
      SFN_LOCAL_PORT: String(ports.sfnPort),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const deadline = Date.now() + readyMs;
  while (!out.includes('cpflow web and API')) {
    if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, url: `http://127.0.0.1:${ports.port}`, output: () => out };
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

export async function api(url: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(url + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
