#!/usr/bin/env node
// npm run fuzz -- [--runs N] [--seed S]: the fuzz properties of test/fuzz/ with N cases each (default 10000) and a
// fresh seed (or S), against the built CLI and the library. Builds first, as npm test does.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const value = (flag, fallback) => { const i = args.indexOf(flag); return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback; };
const runs = value('--runs', '10000');
if (!/^[1-9][0-9]*$/.test(runs)) { process.stderr.write(`fuzz: --runs = ${JSON.stringify(runs)} is invalid: expected an integer >= 1\n`); process.exit(2); }
const seed = value('--seed', undefined);
if (seed !== undefined && !/^[0-9]+$/.test(seed)) { process.stderr.write(`fuzz: --seed = ${JSON.stringify(seed)} is invalid: expected an integer >= 0\n`); process.exit(2); }
const env = { ...process.env, FUZZ_RUNS: runs, ...(seed !== undefined ? { FUZZ_SEED: seed } : {}) };
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env });
if (build.status !== 0) process.exit(build.status ?? 1);
process.stdout.write(`fuzz: ${runs} cases per property${seed !== undefined ? `, seed ${seed}` : ', fresh seeds'}\n`);
const r = spawnSync(npx, ['vitest', 'run', 'test/fuzz/', '--testTimeout', '0'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
