// The README's tour really runs: every `$ momentum-lab ...` line of a console block is executed, and every output line
// shown under it must appear in what the command printed (whitespace folded); `# exit N` gives the expected status
// (0 otherwise). The JavaScript example is run as a module importing 'momentum-lab' (the package's own exports), and
// each `// prints: ...` comment must equal the corresponding line it prints.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = (lang: string): string[] =>
  [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
const fold = (s: string): string => s.replace(/\s+/g, ' ').trim();

interface Example { args: string; expected: string[]; exit: number }

function parseConsole(block: string): Example[] {
  const out: Example[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('$ momentum-lab ')) out.push({ args: line.slice('$ momentum-lab '.length), expected: [], exit: 0 });
    else if (/^# exit \d+$/.test(line)) out[out.length - 1].exit = Number(line.slice(7));
    else if (line.trim() !== '') out[out.length - 1].expected.push(line);
  }
  return out;
}

/** Split a shell-like argument string, honouring double quotes. */
function shellWords(s: string): string[] {
  return [...s.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);
}

describe('README tour', () => {
  const examples = blocks('console').flatMap(parseConsole);
  it('has command examples', () => expect(examples.length).toBeGreaterThanOrEqual(10));

  for (const ex of examples) {
    it(`momentum-lab ${ex.args}`, () => {
      const r = spawnSync(process.execPath, [join(root, 'bin/momentum-lab.js'), ...shellWords(ex.args)], { encoding: 'utf8', cwd: root });
      expect(r.status, r.stderr).toBe(ex.exit);
      const printed = fold(r.stdout + '\n' + r.stderr);
      for (const line of ex.expected) expect(printed).toContain(fold(line));
    });
  }

  it('the library example prints what its comments say', () => {
    const [code] = blocks('js');
    const expected = [...code.matchAll(/\/\/ prints: (.*)$/gm)].map((m) => m[1].trim());
    expect(expected.length).toBeGreaterThanOrEqual(4);
    // A module inside the package resolves 'momentum-lab' to the package itself (package.json "exports").
    const dir = mkdtempSync(join(root, 'dist', 'readme-'));
    try {
      const file = join(dir, 'example.mjs');
      writeFileSync(file, code);
      const r = spawnSync(process.execPath, [file], { encoding: 'utf8', cwd: root });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.trim().split('\n')).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
