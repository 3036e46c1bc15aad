// Finds the peers on this machine (gcc, csdp, Debian's python3 with numpy/scipy/torch/cvxopt) and says how to install what is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tryOutput } from './proc.js';

export const PYTHON = '/usr/bin/python3';
export const INSTALL_HINT =
  'apt-get install -y gcc python3-numpy python3-scipy python3-torch python3-cvxopt coinor-csdp';

const PY_PROBE = `
import json, importlib
out = {}
for m in ["numpy", "scipy", "torch", "cvxopt"]:
    try:
        out[m] = importlib.import_module(m).__version__
    except Exception:
        out[m] = None
print(json.dumps(out))
`;

/** {gcc, csdp, python, numpy, scipy, torch, cvxopt}: a version string (or path) for each peer found, null if missing. */
export function detectPeers() {
  const gccLine = tryOutput('gcc', ['--version']);
  const csdpPath = ['/usr/bin/csdp', '/usr/local/bin/csdp'].find((p) => existsSync(p)) ?? null;
  const py = existsSync(PYTHON) ? tryOutput(PYTHON, ['-c', PY_PROBE]) : null;
  const mods = py ? JSON.parse(py) : { numpy: null, scipy: null, torch: null, cvxopt: null };
  const pyVersion = existsSync(PYTHON) ? tryOutput(PYTHON, ['--version']) : null;
  return {
    gcc: gccLine ? gccLine.split('\n')[0] : null,
    csdp: csdpPath,
    python: pyVersion,
    ...mods,
  };
}

/** Debian package of each peer. */
export const PEER_PACKAGES = {
  gcc: 'gcc', csdp: 'coinor-csdp', python: 'python3', numpy: 'python3-numpy', scipy: 'python3-scipy', torch: 'python3-torch', cvxopt: 'python3-cvxopt',
};

/** Installs the missing peers with apt-get (as root); returns the apt-get exit status, or 0 if nothing is missing. */
export function installMissingPeers(peers, log = console.log) {
  const pkgs = Object.entries(peers).filter(([, v]) => v === null).map(([k]) => PEER_PACKAGES[k]).filter(Boolean);
  if (pkgs.length === 0) return 0;
  log(`installing: apt-get install -y ${pkgs.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  return spawnSync('apt-get', ['install', '-y', ...pkgs], { stdio: 'inherit', env }).status ?? 1;
}

/** Lines to print for missing peers, each with the install command; empty if all are present. */
export function missingPeerNotes(peers) {
  const missing = Object.entries(peers).filter(([, v]) => v === null).map(([k]) => k);
  if (missing.length === 0) return [];
  return [`peers not found (their rows are skipped): ${missing.join(', ')}`,
    `install them with: ${INSTALL_HINT}  (or run: npm run bench -- --install-peers)`];
}
