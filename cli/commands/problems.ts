// momentum-lab problems [NAME]: every problem with its parameters, defaults and valid ranges.
import type { Command } from 'commander';
import { didYouMean } from '../../src/suggest.js';
import { ParameterError } from '../../src/errors.js';
import { problems } from '../../src/problems/registry.js';
import { csv, json, parseFormat } from '../output.js';
import { oneLineErrors } from '../contract-util.js';
import { entryList, leftTable, paramDefault, paramRange, wrapIndented } from '../run-util.js';

function list(name: string | undefined, format: string | undefined): void {
  const f = parseFormat(format);
  const all = problems();
  const chosen = name === undefined ? all : all.filter((p) => p.name === name);
  if (chosen.length === 0) throw new ParameterError('problem', name, `one of ${all.map((p) => p.name).join(', ')}${didYouMean(name, all.map((p) => p.name))}`);
  if (f === 'json') { process.stdout.write(json(name === undefined ? chosen : chosen[0])); return; }
  const rows = chosen.flatMap((info) => info.params.map((p) => [info.name, p.name, paramDefault(p), paramRange(p), p.description]));
  if (f === 'csv') {
    process.stdout.write(csv({ problem: rows.map((r) => r[0]), param: rows.map((r) => r[1]), default: rows.map((r) => r[2]), range: rows.map((r) => r[3]), description: rows.map((r) => r[4]) }));
    return;
  }
  if (name === undefined) {
    process.stdout.write(entryList(chosen));
    process.stdout.write('\n' + wrapIndented('`momentum-lab problems NAME` shows one problem\'s parameters with their ranges (default "-": derived, see its description).', ''));
    return;
  }
  process.stdout.write(`${wrapIndented(`${chosen[0].name}: ${chosen[0].description}`, '  ').replace(/^ {2}/, '')}\n`);
  process.stdout.write(leftTable(['param', 'default', 'allowed', 'description'], rows.map((r) => r.slice(1))));
}

const EXAMPLES = `
Examples:
  momentum-lab problems
  momentum-lab problems quadratic
  momentum-lab problems mlp --format json`;

export function register(program: Command): void {
  oneLineErrors(program
    .command('problems')
    .description('list the problems with their parameters, defaults and valid ranges')
    .argument('[name]', 'show one problem in detail')
    .option('--format <f>', 'table | json | csv', 'table')
    .addHelpText('after', EXAMPLES)
    .action((name: string | undefined, opts: { format?: string }) => list(name, opts.format)));
}
