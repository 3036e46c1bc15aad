#!/usr/bin/env node
// `npm run bench`: momentum-lab against its peers (C, numpy, SciPy, PyTorch, CVXOPT, CSDP) on the same work,
// side by side. Prints a table per workload, writes bench/results/<workload>.json and regenerates BENCHMARKS.md.
// Usage: npm run bench -- [--quick] [--only NAME[,NAME...]] [--list] [--no-build] [--install-peers]
// (--install-peers: apt-get install the missing peers first; otherwise they are skipped with a note)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_DIR } from './lib/cbuild.js';
import { describeMachine } from './lib/machine.js';
import { detectPeers, installMissingPeers, missingPeerNotes } from './lib/peers.js';
import { RESULTS_DIR, consoleReport, writeBenchmarksMd, writeResult } from './lib/report.js';
import * as quadraticStep from './workloads/quadratic-step.js';
import * as lorenz from './workloads/lorenz.js';
import * as manyRuns from './workloads/many-runs.js';
import * as mandelbrot from './workloads/mandelbrot.js';
import * as eigen from './workloads/eigen.js';
import * as sdp from './workloads/sdp.js';
import * as nqm from './workloads/nqm.js';
import * as mlp from './workloads/mlp.js';

const WORKLOADS = [quadraticStep, manyRuns, lorenz, mandelbrot, sdp, eigen, nqm, mlp];
const ORDER = WORKLOADS.map((w) => w.name);

function usage(msg) {
  if (msg) console.error(`bench: ${msg}`);
  console.error(`usage: npm run bench -- [--quick] [--only NAME[,NAME...]] [--list] [--no-build] [--install-peers]\nworkloads: ${ORDER.join(', ')}`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { quick: false, only: null, list: false, build: true, install: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') opts.quick = true;
    else if (a === '--list') opts.list = true;
    else if (a === '--no-build') opts.build = false;
    else if (a === '--install-peers') opts.install = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const v = a.includes('=') ? a.slice(7) : argv[++i];
      if (!v) usage('--only needs a workload name');
      opts.only = v.split(',').map((s) => s.trim()).filter(Boolean);
      const bad = opts.only.filter((x) => !ORDER.includes(x));
      if (bad.length) usage(`--only: unknown workload ${bad.join(', ')} (allowed: ${ORDER.join(', ')})`);
    } else if (a === '--help' || a === '-h') usage();
    else usage(`unknown option ${a}`);
  }
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
if (opts.list) {
  for (const w of WORKLOADS) console.log(`${w.name.padEnd(16)} ${w.title}`);
  process.exit(0);
}

const root = path.dirname(BENCH_DIR);
if (opts.build) {
  // tsc emits dist/ even when some file has a type error; the benchmark needs only that the emit happened.
  console.log('building dist/ (npm run build)...');
  spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' });
}
if (!existsSync(path.join(root, 'dist', 'src', 'index.js'))) {
  console.error('bench: dist/ is missing: run `npm run build` (or drop --no-build)');
  process.exit(1);
}

const machine = describeMachine();
let peers = detectPeers();
if (opts.install && missingPeerNotes(peers).length) { installMissingPeers(peers); peers = detectPeers(); }
console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memGiB} GiB, node ${machine.node}`);
console.log(`peers: ${Object.entries(peers).map(([k, v]) => `${k}=${v ?? 'missing'}`).join(' ')}`);
for (const line of missingPeerNotes(peers)) console.log(line);

mkdirSync(RESULTS_DIR, { recursive: true });
mkdirSync(path.join(BENCH_DIR, 'build'), { recursive: true }); // gitignored: compiled peers and scratch files
const selected = WORKLOADS.filter((w) => !opts.only || opts.only.includes(w.name));
const t0 = performance.now();
let failed = 0;
for (const w of selected) {
  const started = performance.now();
  const loadBefore = os.loadavg()[0];
  const log = (m) => console.log(`  [${w.name}] ${m}`);
  let res;
  try {
    res = await w.run({ quick: opts.quick, peers, log });
  } catch (e) {
    failed++;
    res = { title: w.title, measures: '', error: e instanceof Error ? e.message : String(e) };
  }
  res = { workload: w.name, date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), quick: opts.quick, machine, peers, ...res, title: w.title, seconds: (performance.now() - started) / 1e3,
    loadAverage: [loadBefore, os.loadavg()[0]] };
  console.log(consoleReport(res));
  writeResult(res);
}
writeBenchmarksMd(ORDER, machine, peers);
console.log(`\nwrote bench/results/*.json and BENCHMARKS.md in ${((performance.now() - t0) / 1e3).toFixed(0)} s`);
process.exit(failed ? 1 : 0);
