// One way for the CLI tests to run the built command line (npm test builds dist/ first): spawn `bin/momentum-lab.js`.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect } from 'vitest';

const bin = join(import.meta.dirname, '../../bin/momentum-lab.js');

/** Run `momentum-lab ARGS`; returns the exit code and both streams. */
export function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run `momentum-lab ARGS --format json`, expect exit 0 and an empty stderr, and parse stdout. */
export function cliJson(...args: string[]) {
  const r = cli(...args, '--format', 'json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}
