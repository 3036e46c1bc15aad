// momentum-lab methods [NAME]: every method with its update, parameters, defaults and valid ranges.
import type { Command } from 'commander';
import { didYouMean } from '../../src/suggest.js';
import { ParameterError } from '../../src/errors.js';
import { methods } from '../../src/methods/registry.js';
import { csv, json, parseFormat } from '../output.js';
import { oneLineErrors } from '../contract-util.js';
import { entryList, leftTable, paramDefault, paramRange, wrapIndented } from '../run-util.js';

function list(name: string | undefined, format: string | undefined): void {
  const f = parseFormat(format);
  const all = methods();
  const chosen = name === undefined ? all : all.filter((m) => m.name === name);
  if (chosen.length === 0) throw new ParameterError('method', name, `one of ${all.map((m) => m.name).join(', ')}${didYouMean(name, all.map((m) => m.name))}`);
  if (f === 'json') { process.stdout.write(json(name === undefined ? chosen : chosen[0])); return; }
  const rows = chosen.flatMap((m) => m.params.map((p) => [m.name, p.name, paramDefault(p), paramRange(p), p.description]));
  if (f === 'csv') {
    process.stdout.write(csv({ method: rows.map((r) => r[0]), param: rows.map((r) => r[1]), default: rows.map((r) => r[2]), range: rows.map((r) => r[3]), description: rows.map((r) => r[4]) }));
    return;
  }
  if (name === undefined) {
    process.stdout.write(entryList(chosen));
    process.stdout.write('\n' + wrapIndented('`momentum-lab methods NAME` shows one method\'s update and the ranges of its parameters (default "-": required or derived, see its description).', ''));
    return;
  }
  const m = chosen[0];
  process.stdout.write(`${wrapIndented(`${m.name}: ${m.description}`, '  ').replace(/^ {2}/, '')}${wrapIndented(m.equation, '  ')}\n`);
  process.stdout.write(leftTable(['param', 'default', 'allowed', 'description'], rows.map((r) => r.slice(1))));
  if (m.tuning.length) {
    process.stdout.write(`\ntuning rules (tune=RULE; explicit values beat tuned ones; \`tune --method ${m.name}\` uses the first):\n`);
    for (const r of m.tuning) process.stdout.write(wrapIndented(`${r.name}: ${r.description}`, '  '));
  }
  process.stdout.write('\n' + wrapIndented(m.linear
    ? `linear with constant parameters: analyze, tune, sweep and certify accept it with these same defaults (see its linear form with \`analyze --method ${m.name} ... --format json\`).`
    : 'not linear with constant parameters at its defaults: run only (analyze and certify accept a setting that declares a linear form, if it has one).', ''));
}

const EXAMPLES = `
Examples:
  momentum-lab methods
  momentum-lab methods hb
  momentum-lab methods qhm --format json`;

export function register(program: Command): void {
  oneLineErrors(program
    .command('methods')
    .description('list the optimization methods with their parameters, defaults and valid ranges')
    .argument('[name]', 'show one method in detail')
    .option('--format <f>', 'table | json | csv', 'table')
    .addHelpText('after', EXAMPLES)
    .action((name: string | undefined, opts: { format?: string }) => list(name, opts.format)));
}
