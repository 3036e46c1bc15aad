// The machine's description for BENCHMARKS.md, read from /proc and the tools themselves (never typed by hand).
import { readFileSync } from 'node:fs';
import os from 'node:os';

function cpuinfo() {
  try { return readFileSync('/proc/cpuinfo', 'utf8'); } catch { return ''; }
}

/** {cpu, cores, simd, memGiB, node, os} for this machine. */
export function describeMachine() {
  const info = cpuinfo();
  const model = /model name\s*:\s*(.*)/.exec(info)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  const flags = (/flags\s*:\s*(.*)/.exec(info)?.[1] ?? '').split(/\s+/);
  const simd = ['sse4_2', 'avx', 'avx2', 'fma', 'avx512f'].filter((f) => flags.includes(f));
  const mhz = /cpu MHz\s*:\s*([\d.]+)/.exec(info)?.[1];
  const cache = /cache size\s*:\s*(.*)/.exec(info)?.[1]?.trim();
  return {
    cpu: model + (mhz ? ` @ ${Math.round(Number(mhz))} MHz` : ''),
    cache: cache ?? null,
    cores: os.cpus().length,
    simd: simd.join(' '),
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    v8: process.versions.v8,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}
