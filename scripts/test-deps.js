// `npm test` finds or installs what the tests need outside npm, so that the README's two commands are the whole
// set-up on a fresh Debian machine: Debian's chromium (browser tests, via playwright-core) and coinor-csdp (the
// reference SDP solver of the certify tests). Installs with apt-get when missing and running as root; otherwise says
// what to install and exits 1 (the tests would fail later with a less clear message).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const NEEDS = [
  { path: '/usr/bin/chromium', pkg: 'chromium', why: 'the explorer and report browser tests' },
  { path: '/usr/bin/csdp', pkg: 'coinor-csdp', why: 'the certify tests against the reference SDP solver' },
];

const missing = NEEDS.filter((n) => !existsSync(n.path));
if (missing.length === 0) process.exit(0);
const list = missing.map((n) => `${n.pkg} (${n.path}: ${n.why})`).join(', ');
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const apt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
if (!root || !apt) {
  console.error(`npm test needs ${list}: install ${missing.map((n) => n.pkg).join(' ')} with apt-get (as root), then rerun.`);
  process.exit(1);
}
console.error(`npm test: installing ${missing.map((n) => n.pkg).join(' ')} with apt-get (${list})`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update'], ['install', '-y', ...missing.map((n) => n.pkg)]]) {
  const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (r.status !== 0) { console.error(`npm test: apt-get ${args.join(' ')} failed (exit ${r.status})`); process.exit(1); }
}
const still = NEEDS.filter((n) => !existsSync(n.path));
if (still.length) { console.error(`npm test: still missing after apt-get: ${still.map((n) => n.path).join(', ')}`); process.exit(1); }
