// The "Same computation on the command line" text of every export menu, in Debian's chromium: each line is one command
// (or a shell comment), nothing outside single quotes is a shell metacharacter, the words a POSIX sh reads
// (sh -c 'printf "%s\n" "$@"' _ <line>) are exactly the words meant, and every momentum-lab line runs with the CLI of
// this checkout (node bin/momentum-lab.js <words>, exit 0: a stale option name fails here). A hostile method spec
// typed into s8 round-trips to one word.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startExplorer, openPage, mountSection, repo, type Explorer } from './harness.js';

let ex: Explorer;
let page: Page;
let errors: string[];
let sections: string[] = [];
const work = mkdtempSync(join(tmpdir(), 'momentum-lab-exports-'));

beforeAll(async () => {
  ex = await startExplorer();
  ({ page, errors } = await openPage(ex, ''));
  sections = await page.evaluate(() => Object.keys(window.__explorer.store.registry));
}, 120_000);
afterAll(async () => {
  await ex?.close();
  rmSync(work, { recursive: true, force: true });
});

/**
 * The words of one exported line as the exporter means them, or an error: only plain characters outside single quotes,
 * '\'' for a quote inside a value, an unquoted ' #' starts a comment, and `>` only as a redirect to a literal file name
 * (printf's .json, a command's .csv).
 */
function intendedWords(line: string): { words: string[]; redirect?: string } {
  let rest = line;
  let redirect: string | undefined;
  const r = / > ([a-z][a-z0-9-]*\.(json|csv))$/.exec(line);
  // A literal file name written by the exporter: printf's JSON file, or a command's CSV output (`--format csv > x.csv`).
  if (r && (line.startsWith('printf ') ? r[2] === 'json' : line.startsWith('momentum-lab ') && r[2] === 'csv')) { redirect = r[1]; rest = line.slice(0, r.index); }
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (c === "'") {
      const end = rest.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated quote in ${line}`);
      word = (word ?? '') + rest.slice(i + 1, end);
      i = end;
    } else if (c === '\\' && rest[i + 1] === "'") {
      word = (word ?? '') + "'";
      i++;
    } else if (c === ' ') {
      if (word !== null) words.push(word);
      word = null;
      if (rest[i + 1] === '#') break;
      while (rest[i + 1] === ' ') i++;
      if (rest[i + 1] === '#') break;
    } else if (/[A-Za-z0-9_.,:=+\-/]/.test(c)) {
      word = (word ?? '') + c;
    } else {
      throw new Error(`unquoted shell metacharacter ${JSON.stringify(c)} at ${i} in: ${line}`);
    }
  }
  if (word !== null) words.push(word);
  return { words, redirect };
}

/** The words a POSIX sh reads from `line` (without running it). */
function shellWords(line: string): string[] {
  const out = execFileSync('sh', ['-c', `sh -c 'printf "%s\\n" "$@"' _ ${line}`], { encoding: 'utf8', cwd: work });
  return out.replace(/\n$/, '').split('\n');
}

function runCli(args: string[], cwd: string): Promise<{ code: number | null; err: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((ok) => {
    const child = spawn(process.execPath, [join(repo, 'bin/momentum-lab.js'), ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => { err += b.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), 240_000);
    child.on('exit', (code) => { clearTimeout(timer); ok({ code, err, ms: Date.now() - t0 }); });
  });
}

async function exportedPanels(): Promise<{ panel: string; text: string }[]> {
  const ids = await page.evaluate(() => [...document.querySelectorAll('details.export')].map((d) => d.closest('[id]')!.id));
  const out: { panel: string; text: string }[] = [];
  for (const panel of ids) {
    await page.locator(`#${panel} details.export summary`).click();
    out.push({ panel, text: (await page.locator(`#${panel} [data-cli]`).textContent())! });
    await page.locator(`#${panel} details.export summary`).click();
  }
  return out;
}

interface Checked { panel: string; line: string; words: string[] }

function check(panel: string, text: string): Checked[] {
  expect(text, panel).not.toMatch(/^# not exported/);
  const lines = text.split('\n');
  const out: Checked[] = [];
  for (const line of lines) {
    expect(line, panel).toMatch(/^(momentum-lab |node |printf |# )/);
    if (line.startsWith('# ')) continue;
    const { words, redirect } = intendedWords(line);
    expect(shellWords(redirect ? line.slice(0, -` > ${redirect}`.length) : line), `${panel}: ${line}`).toEqual(words);
    out.push({ panel, line, words: redirect ? [...words, '>', redirect] : words });
  }
  return out;
}

describe('exported commands of every section', () => {
  const all: Checked[] = [];

  it('every line is one command, quoted for sh, and its words round-trip through sh', async () => {
    for (const sec of sections) await mountSection(page, sec);
    const panels = await exportedPanels();
    expect(panels.length).toBeGreaterThanOrEqual(sections.length);
    for (const { panel, text } of panels) all.push(...check(panel, text));
    // The other branches of the exporters: a typed field (a node one-liner), a rate map of a method other than gd/hb/nag,
    // a typed state space (printf to a file, then certify --state-space).
    await page.evaluate(() => {
      const { store } = window.__explorer;
      store.set('s1', { sys: 'custom', fx: 'y', fy: '-x + (1 - x^2) * y' });
      store.set('s4', { method: 'two-term' });
      store.set('s8', { user: 'matrix' });
    });
    await new Promise((ok) => setTimeout(ok, 2000));
    const more = (await exportedPanels()).filter((p) => /^s(1|4|8)-/.test(p.panel));
    for (const { panel, text } of more) all.push(...check(panel, text));
    expect(all.some((c) => c.words[0] === 'node')).toBe(true);
    expect(all.some((c) => c.words[0] === 'printf')).toBe(true);
    expect(all.some((c) => c.words[1] === 'plot' && c.words.includes('method=two-term'))).toBe(true);
    const perSection = new Set(all.map((c) => c.panel.split('-')[0]));
    expect([...perSection].sort()).toEqual([...sections].sort());
    console.log(`exports: ${panels.length} panels (${more.length} again in a second state), ${all.length} command lines (${all.filter((c) => c.words[0] === 'momentum-lab').length} momentum-lab)`);
    expect(errors).toEqual([]);
  }, 300_000);

  it('a hostile method spec typed into s8 is one quoted word', async () => {
    const spec = "hb:alpha=0.1;echo hi'$(id)`id` *";
    await page.evaluate((s) => window.__explorer.store.set('s8', { user: 'spec', spec: s }), spec);
    await new Promise((ok) => setTimeout(ok, 300));
    const panels = (await exportedPanels()).filter((p) => p.panel.startsWith('s8'));
    const lines = panels.flatMap((p) => check(p.panel, p.text));
    expect(lines.some((c) => c.words[0] === 'momentum-lab' && c.words.includes(spec))).toBe(true);
    await page.evaluate(() => window.__explorer.store.set('s8', { user: 'spec', spec: 'hb:tune=polyak' }));
  }, 120_000);

  it('every momentum-lab line runs with this checkout\'s CLI (exit 0)', async () => {
    expect(all.length).toBeGreaterThan(0);
    const byPanel = new Map<string, Checked[]>();
    for (const c of all) byPanel.set(c.panel, [...(byPanel.get(c.panel) ?? []), c]);
    const failures: string[] = [];
    let ran = 0;
    const queue = [...byPanel];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [panel, lines] = next;
        const dir = mkdtempSync(join(work, `${panel}-`));
        for (const { line, words } of lines) {
          if (words[0] === 'printf' && words.at(-2) === '>') {
            writeFileSync(join(dir, words.at(-1)!), words.slice(2, -2).join('\n') + '\n');
          } else if (words[0] === 'momentum-lab') {
            const r = await runCli(words.at(-2) === '>' ? words.slice(1, -2) : words.slice(1), dir);
            ran++;
            if (r.code !== 0) failures.push(`${panel}: exit ${r.code}: ${line}\n  ${r.err.trim().split('\n')[0]}`);
            if (r.ms > 20_000) console.log(`slow export (${r.ms} ms): ${line}`);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    console.log(`exports: ${ran} momentum-lab commands run`);
    expect(failures).toEqual([]);
  }, 900_000);

  it('PNG and SVG exports carry a title line; Copy command confirms; CSV defaults to every data set', async () => {
    const p2 = await openPage(ex, '?s2.beta=0.5', { width: 1440, height: 900 });
    await mountSection(p2.page, 's2');
    await p2.page.locator('#s2-panel details.export summary').click();
    const save = async (nth: number) => {
      const [dl] = await Promise.all([p2.page.waitForEvent('download'), p2.page.locator('#s2-panel .export-body button').nth(nth).click()]);
      const path = join(work, dl.suggestedFilename());
      await dl.saveAs(path);
      return path;
    };
    const label = (await p2.page.locator('#s2-panel .export-body button').first().textContent())!.replace(' · SVG', '');
    const svg = readFileSync(await save(0), 'utf8');
    // The title line: the section's title() (with its parameters) when given, then the chart's label.
    const title = /<text[^>]*>([^<]*)<\/text><g transform="translate\(0,24\)">/.exec(svg)?.[1] ?? '';
    expect(title.endsWith(label)).toBe(true);
    const png = PNG.sync.read(readFileSync(await save(1)));
    const box = await p2.page.locator('#s2-panel .plot canvas').first().evaluate((c) => ({ w: parseFloat((c as HTMLCanvasElement).style.width) || (c as HTMLCanvasElement).width, h: parseFloat((c as HTMLCanvasElement).style.height) || (c as HTMLCanvasElement).height }));
    expect(png.width).toBe(2 * Math.round(box.w));
    expect(png.height).toBe(2 * Math.round(box.h) + 48);
    // Copy command: a confirmation either way (headless chromium may refuse the clipboard: then the text is selected).
    const copy = p2.page.locator('#s2-panel .export-body button', { hasText: 'Copy command' });
    await copy.click();
    const said = String(await (await p2.page.waitForFunction(() => {
      const t = document.querySelector('#s2-panel .export-cli button')!.textContent!;
      return /Copied|Copy failed/.test(t) ? t : null;
    })).jsonValue());
    if (said.startsWith('Copy failed')) expect(await p2.page.evaluate(() => getSelection()!.toString())).toContain('momentum-lab');
    console.log(`exports: s2 title line "${title}"; copy said "${said}"`);
    // Every panel now gives its own csv() (the default, every data set tagged by a dataset column, serves panels that
    // do not): s5-decay's is the computed series at full resolution, at least as many rows as the thinned drawing.
    await mountSection(p2.page, 's5');
    const drawn = await p2.page.evaluate(() => window.__explorer.charts().filter((c) => c.el.closest('#s5-decay'))
      .flatMap((c) => c.dataNames().filter((n) => !n.startsWith('_')).map((n) => c.rows(n).length)));
    await p2.page.locator('#s5-decay details.export summary').click();
    const [dl] = await Promise.all([p2.page.waitForEvent('download'), p2.page.locator('#s5-decay .export-body button', { hasText: 'CSV' }).click()]);
    const csvPath = join(work, 's5.csv');
    await dl.saveAs(csvPath);
    const csv = readFileSync(csvPath, 'utf8').trim().split('\n');
    expect(drawn.filter((n) => n > 0).length).toBeGreaterThan(1);
    expect(csv.length - 1).toBeGreaterThanOrEqual(drawn.reduce((a, b) => a + b, 0));
    expect(csv.slice(1).every((r) => !/NaN|Infinity/.test(r))).toBe(true);
    console.log(`exports: s5-decay CSV ${csv.length - 1} rows (drawn ${drawn.reduce((a, b) => a + b, 0)}), columns ${csv[0]}`);
    expect(p2.errors).toEqual([]);
    await p2.page.close();
  }, 120_000);
});
