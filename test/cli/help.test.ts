// Every command's --help ends with an "Examples:" block of `momentum-lab ...` lines (DESIGN.md "Command line
// contract"), each naming only options that command documents; the top-level help points at the explorer
// (`npm start`) and the report.
import { execFile } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commands } from '../../cli/commands/index.js';

interface Result { code: number | null; stdout: string; stderr: string }
const cli = (args: string[]) => new Promise<Result>((resolve) => {
  execFile(process.execPath, ['bin/momentum-lab.js', ...args], { encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
    resolve({ code: err ? (typeof err.code === 'number' ? err.code : null) : 0, stdout, stderr });
  });
});

const SYSTEMS = ['lorenz', 'vanderpol', 'hopf', 'linear', 'logistic', 'bifurcation', 'mandelbrot', 'julia'];
const paths: string[][] = [...Object.keys(commands).map((c) => [c]), ...SYSTEMS.map((s) => ['dynamics', s])];

/** The example lines at the end of a help text (after its last "Examples:" line). */
function examples(help: string): string[] {
  const lines = help.trimEnd().split('\n');
  const at = lines.lastIndexOf('Examples:');
  expect(at, 'an "Examples:" line').toBeGreaterThan(0);
  return lines.slice(at + 1);
}

describe('--help ends with examples', () => {
  for (const path of paths) {
    it.concurrent(`momentum-lab ${path.join(' ')} --help`, async () => {
      const r = await cli([...path, '--help']);
      expect(r.code).toBe(0);
      const ex = examples(r.stdout);
      expect(ex.length).toBeGreaterThanOrEqual(2);
      expect(ex.length).toBeLessThanOrEqual(8);
      for (const line of ex) {
        expect(line.startsWith(`  momentum-lab ${path.join(' ')}`), line).toBe(true);
        // Every --flag an example uses is documented in the same help (the example at least parses); the examples of
        // `dynamics` itself are of its systems, whose helps are checked on their own.
        if (path.join(' ') === 'dynamics') continue;
        const flags = line.replace(/#.*$/, '').match(/(?<=\s)--[a-z][a-z0-9-]*/gi) ?? [];
        for (const flag of flags) expect(r.stdout, `${flag} in "${line}"`).toMatch(new RegExp(`^\\s+(-\\w, )?${flag}[ ,\\n=]`, 'm'));
      }
    });
  }
  it.concurrent('momentum-lab --help points at the explorer and the report, then examples', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('npm start');
    expect(r.stdout).toContain('http://127.0.0.1:5173/');
    expect(r.stdout).toContain('momentum-lab report');
    const ex = examples(r.stdout);
    expect(ex.length).toBeGreaterThanOrEqual(2);
    for (const line of ex) expect(line).toMatch(/^ {2}momentum-lab [a-z]/);
  });
});
