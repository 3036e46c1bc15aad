// Child processes for peers (C, Python) and isolated JS measurements: each prints one JSON object per line.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Runs `cmd args` and returns the JSON objects it printed, one per line.
 * Throws with the child's stderr if it fails, so a broken peer is reported, never silently skipped.
 */
export function runJsonLines(cmd, args, { timeoutMs = 600_000, env = {}, input } = {}) {
  const r = spawnSync(cmd, args, {
    encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 28, input,
    env: { ...process.env, ...env },
  });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) {
    const err = (r.stderr || '').split('\n');
    const first = err.find((l) => /Error/.test(l)) ?? err.filter(Boolean).slice(-1)[0] ?? '';
    throw new Error(`${path.basename(cmd)} ${args.map((a) => path.basename(a)).join(' ')} exited ${r.status}: ${first.trim()}`);
  }
  return r.stdout.split('\n').filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l));
}

/** Runs a command and returns its trimmed stdout, or null if it cannot run. */
export function tryOutput(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
  if (r.error || r.status !== 0) return null;
  return (r.stdout || '').trim();
}
