/**
 * The soak's `npm start -- --demo`: a child process on its own DATA_DIR and free ports, killed with SIGKILL and
 * started again on the same directory (and the same ports, unless another process took one meanwhile).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ports, Started } from '../support/process';
import { exited, freePorts, startCpflow } from '../support/process';

export interface DemoCredential {
  username: string;
  password: string;
}

export class SoakServer {
  private current?: Started;
  private ports?: Ports;
  /** Base URL of the running server (changes only when a restart had to take new ports). */
  url = '';
  /** Wall time of each start, in ms (the first one creates the store, the demo data and the catalogue). */
  readonly startMs: number[] = [];
  adminPassword = '';
  private log = '';

  constructor(readonly dataDir: string) {
    // never leave the child running when the soak itself ends or is interrupted
    process.once('exit', () => this.current?.child.kill('SIGKILL'));
    for (const signal of ['SIGINT', 'SIGTERM'] as const)
      process.once(signal, () => {
        this.current?.child.kill('SIGKILL');
        process.exit(130);
      });
  }

  async start(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      this.ports ??= await freePorts();
      const t0 = Date.now();
      try {
        this.current = await startCpflow(
          this.dataDir,
          this.ports,
          ['--demo'],
          // the child's own console stays quiet about the SDK's Node 22 notice
          { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
          300_000,
        );
      } catch (err) {
        // a port taken by another process between our probe and the bind: new ports, same data
        if (attempt >= 3 || !/EADDRINUSE/.test(String(err))) throw err;
        this.ports = undefined;
        continue;
      }
      this.startMs.push(Date.now() - t0);
      this.url = this.current.url;
      const out = this.current.output();
      const first = out.match(/Password \(shown once\): (\S+)/);
      if (first) this.adminPassword = first[1]!;
      return;
    }
  }

  /** SIGKILL: no chance to flush or close anything. */
  async kill(): Promise<void> {
    const c = this.current;
    if (!c) return;
    this.log += c.output();
    c.child.kill('SIGKILL');
    await exited(c.child);
    this.current = undefined;
  }

  /** A clean stop (SIGTERM), for the end of the run. */
  async stop(): Promise<void> {
    const c = this.current;
    if (!c) return;
    this.log += c.output();
    c.child.kill('SIGTERM');
    const deadline = setTimeout(() => c.child.kill('SIGKILL'), 20_000);
    await exited(c.child);
    clearTimeout(deadline);
    this.current = undefined;
  }

  get running(): boolean {
    return Boolean(this.current && this.current.child.exitCode === null);
  }

  get pid(): number | undefined {
    return this.current?.child.pid;
  }

  /** Resident set size of the server process (its dynalite worker thread included), in MB; undefined when down. */
  rssMb(): number | undefined {
    const pid = this.pid;
    if (!pid || !this.running) return undefined;
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return kb ? Math.round(Number(kb) / 1024) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Everything the child processes printed so far. */
  output(): string {
    return this.log + (this.current?.output() ?? '');
  }

  demoUsers(): DemoCredential[] {
    return JSON.parse(readFileSync(join(this.dataDir, 'demo-users.json'), 'utf8')) as DemoCredential[];
  }
}
