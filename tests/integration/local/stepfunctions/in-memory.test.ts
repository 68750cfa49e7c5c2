import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Without dataDir the engine runs in memory and never loads classic-level (checked in a fresh process). */
describe('in-memory engine', () => {
  it('runs executions without loading the LevelDB module', () => {
    const script = fileURLToPath(new URL('./support/memory-probe.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
    expect(line, r.stderr).toBeDefined();
    expect(JSON.parse(line as string)).toEqual({ status: 'SUCCEEDED', classicLevelLoaded: false });
  });
});
