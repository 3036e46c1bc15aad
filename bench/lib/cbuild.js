// Compiles the C peers with gcc -O3 -march=native into bench/build/ (gitignored), once per source change.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const CFLAGS = ['-O3', '-march=native', '-std=c11', '-D_POSIX_C_SOURCE=200809L'];

/** Path of the compiled bench/c/<name>.c, or throws with gcc's message. */
export function compileC(name, extra = []) {
  const src = path.join(BENCH_DIR, 'c', `${name}.c`);
  const outDir = path.join(BENCH_DIR, 'build');
  const exe = path.join(outDir, name);
  mkdirSync(outDir, { recursive: true });
  const header = path.join(BENCH_DIR, 'c', 'common.h');
  const fresh = existsSync(exe) && statSync(exe).mtimeMs > Math.max(statSync(src).mtimeMs, statSync(header).mtimeMs);
  if (fresh) return exe;
  const r = spawnSync('gcc', [...CFLAGS, ...extra, '-o', exe, src, '-lm'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gcc ${name}.c failed: ${r.stderr || r.error?.message}`);
  return exe;
}
