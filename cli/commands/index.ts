// The command registry: one file per command (or family), each exporting register(program).
import type { Command } from 'commander';
import { register as run } from './run.js';
import { register as methods } from './methods.js';
import { register as problems } from './problems.js';
import { register as analyze } from './analyze.js';
import { register as tune } from './tune.js';
import { register as sweep } from './sweep.js';
import { register as dynamics } from './dynamics.js';
import { register as certify } from './certify.js';
import { register as sdp } from './sdp.js';
import { register as plot } from './plot.js';
import { register as report } from './report.js';

export const commands: ((program: Command) => void)[] = [run, methods, problems, analyze, tune, sweep, dynamics, certify, sdp, plot, report];
