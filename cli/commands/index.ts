// The command registry: one file per command (or family), each exporting register(program).
// Commands are loaded on demand: `momentum-lab run ...` imports only run.ts and what it needs (vega, mathjs and the
// SDP solver stay unloaded), which keeps start-up near 0.2 s instead of loading every module for every call.
import type { Command } from 'commander';

type Loader = () => Promise<{ register: (program: Command) => void }>;

export const commands: Record<string, Loader> = {
  run: () => import('./run.js'),
  methods: () => import('./methods.js'),
  problems: () => import('./problems.js'),
  analyze: () => import('./analyze.js'),
  tune: () => import('./tune.js'),
  sweep: () => import('./sweep.js'),
  dynamics: () => import('./dynamics.js'),
  certify: () => import('./certify.js'),
  sdp: () => import('./sdp.js'),
  plot: () => import('./plot.js'),
  report: () => import('./report.js'),
  nqm: () => import('./nqm.js'),
  train: () => import('./train.js'),
  hessian: () => import('./hessian.js'),
};
