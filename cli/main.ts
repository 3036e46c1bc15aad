// momentum-lab command line: parse -> call src -> print. Each command lives in cli/commands/<name>.ts and
// exports `register(program)`. Errors from bad input (ParameterError, commander usage errors) exit with status 2.
import { Command, CommanderError } from 'commander';
import { ParameterError } from '../src/errors.js';
import { commands } from './commands/index.js';

export class UsageError extends Error {}

const TOP_HELP = `
The interactive explorer: \`npm start\` in a checkout, then open http://127.0.0.1:5173/.
The lecture as a checked report (every figure, claim and erratum): \`momentum-lab report\` (writes report-out/index.html).
\`momentum-lab <command> --help\` ends with examples of each command.

Examples:
  momentum-lab problems
  momentum-lab run --problem quadratic:dim=100,kappa=100 --method hb:tune=polyak --steps 500
  momentum-lab report --out report-out`;

/** Build the program with the commands that `argv` needs: only the named command, or all of them for help. */
export async function buildProgram(argv: string[] = []): Promise<Command> {
  const program = new Command();
  program
    .name('momentum-lab')
    .description('A laboratory for the dynamics of optimization algorithms: momentum, Nesterov, CG, certified rates.')
    .version('0.1.0')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) })
    .addHelpText('after', TOP_HELP);
  const name = argv[2];
  const wanted = name !== undefined && Object.hasOwn(commands, name) ? [name] : Object.keys(commands);
  const modules = await Promise.all(wanted.map((n) => commands[n]()));
  for (const { register } of modules) register(program);
  for (const c of program.commands) c.exitOverride();
  return program;
}

function onStdoutError(e: NodeJS.ErrnoException): void {
  if (e.code === 'EPIPE') process.exit(0); else throw e;
}

/** Run the CLI; resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  // `momentum-lab ... | head` closes the pipe early: that is not an error. (Once per process: tests call main often.)
  if (!process.stdout.listeners('error').includes(onStdoutError)) process.stdout.on('error', onStdoutError);
  const program = await buildProgram(argv);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help asked for (--help, help CMD) is status 0; help shown because the command was missing or unknown
      // (`momentum-lab`, `momentum-lab help nope`: commander's exitCode 1) is a usage error, status 2.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return err.exitCode === 1 ? 2 : 0;
      return 2; // commander already printed its one-line message
    }
    if (err instanceof ParameterError || err instanceof UsageError) {
      process.stderr.write(`momentum-lab: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
