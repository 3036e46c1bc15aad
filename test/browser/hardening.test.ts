// Hardening of the explorer against hostile links, in Debian's chromium: URLs with prototype keys, non-decimal or
// out-of-range numbers, control characters, and URLs over the server's 16 kB limit load with a notice and no
// uncaught error; the exported shell command of a typed field is one line whose words round-trip through sh; a typed
// field too slow to evaluate is stopped after 2 s in its worker with a notice; and a fast-check fuzz over URL states
// (the real field names plus prototype keys, random strings, numbers and control characters) finds no page error,
// no hang and no NaN/Infinity among the displayed numbers. Screenshots: test/browser/screenshots/hardening-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startExplorer, openPage, mountSection, screenshots, repo, type Explorer } from './harness.js';
import { shellQuote, sh, cliText } from '../../web/src/ui/export.js';

/** Real page loads in the fuzz (each loads the page and mounts one section, ~5 s each here); FUZZ_PAGES overrides. */
const PAGE_RUNS = Number(process.env.FUZZ_PAGES ?? 20);
/** URL states applied to a page with every section mounted (decoded by the page's Store, then set); FUZZ_LIVE overrides. */
const LIVE_RUNS = Number(process.env.FUZZ_LIVE ?? 250);
/** Query strings decoded by the page's own Store (no reload); FUZZ_RUNS overrides. */
const STATE_RUNS = Number(process.env.FUZZ_RUNS ?? 600);
/** The fuzz seed (fixed, so failures reproduce); FUZZ_SEED explores others. */
const SEED = Number(process.env.FUZZ_SEED ?? 16);

interface FieldInfo { sec: string; key: string; allowed: string; def: unknown; range: { min: number; max: number; int: boolean } | null }

let ex: Explorer;
let fields: FieldInfo[] = [];
let sections: string[] = [];
let page: Page;
let errors: string[];

beforeAll(async () => {
  ex = await startExplorer();
  ({ page, errors } = await openPage(ex, ''));
  fields = await page.evaluate(() => Object.entries(window.__explorer.store.registry).flatMap(([sec, shape]) =>
    Object.entries(shape).map(([key, f]) => ({ sec, key, allowed: f.allowed, def: f.default, range: f.range ?? null }))));
  sections = [...new Set(fields.map((f) => f.sec))];
});
afterAll(async () => { await ex?.close(); });

/** Load `query` in the shared page (a full navigation), collecting errors afresh; resolves once the explorer is up. */
async function load(query: string): Promise<void> {
  errors.length = 0;
  await page.goto(`${ex.url}${query}`);
  await page.waitForFunction(() => window.__explorer !== undefined, null, { timeout: 20_000 });
}

async function notice(): Promise<string | null> {
  return (await page.locator('#notice').isVisible()) ? (await page.locator('#notice').textContent()) ?? '' : null;
}

const state = (sec: string) => page.evaluate((s) => window.__explorer.store.state[s], sec);

/** Run `fn` or fail after `ms` (a hung main thread never answers page.evaluate). */
async function within<T>(ms: number, what: string, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => { timer = setTimeout(() => fail(new Error(`${what}: no answer within ${ms} ms (hang)`)), ms); });
  try { return await Promise.race([fn(), timeout]); } finally { clearTimeout(timer); }
}

describe('hostile links load with a notice and no uncaught error', () => {
  const cases: [string, string, (s: Record<string, unknown>) => void][] = [
    ['?s2.constructor=1', 'unknown parameter "s2.constructor" ignored', () => undefined],
    ['?s2.__proto__=1', 'unknown parameter "s2.__proto__" ignored', () => undefined],
    ['?s2.toString=1', 'unknown parameter "s2.toString" ignored', () => undefined],
    ['?__proto__=1&constructor.prototype=2&s1.hasOwnProperty=3', 'unknown parameter "constructor.prototype" ignored', () => undefined],
    ['?__proto__.s1=1&s9.valueOf=2', 'unknown parameter "__proto__.s1" ignored', () => undefined],
    ['?s1.a=0x10', 's1.a="0x10" is not a number in [-3, 3]; using the default 0.3', (s) => expect(s.a).toBe(0.3)],
    ['?s1.a=%205%20', 's1.a=" 5 " is not a number in [-3, 3]; using the default 0.3', (s) => expect(s.a).toBe(0.3)],
    ['?s1.a=0b11&s1.b=0o7', 's1.b="0o7" is not a number', (s) => { expect(s.a).toBe(0.3); expect(s.b).toBe(1); }],
    ['?s1.a=Infinity&s1.b=NaN&s1.c=1e400', 's1.c="1e400" is not a number', (s) => { expect(s.a).toBe(0.3); expect(s.b).toBe(1); expect(s.c).toBe(-1); }],
    ['?s1.a=9&s1.b=-1e9', 's1.a="9" is outside [-3, 3]; using the nearest end, 3', (s) => { expect(s.a).toBe(3); expect(s.b).toBe(-3); }],
    ['?s1.iters=2.5', 's1.iters="2.5" is not an integer in [50, 5000]; using the default 500', (s) => expect(s.iters).toBe(500)],
    ['?s1.sys=custom&s1.fy=-x%0A%0Aecho%20hi%0A', 's1.fy="-x\\n\\necho hi\\n" holds a control character (U+000A)', (s) => { expect(s.sys).toBe('custom'); expect(s.fy).toBe('-x + (1 - x^2) * y'); }],
    ['?s1.fx=y%E2%80%AE', 'holds a control character (U+202E)', (s) => expect(s.fx).toBe('y')],
    ['?notice=url-too-long', 'the link was longer than 16 kB', () => undefined],
  ];
  it.each(cases)('%s', async (query, line, check) => {
    await load(query);
    const text = await notice();
    expect(text).not.toBeNull();
    expect(text).toContain(line);
    check(await state('s1'));
    await within(30_000, 'mount s1', () => mountSection(page, 's1'));
    expect(errors).toEqual([]);
    // The address bar is rewritten to the state actually shown (no rejected key survives).
    expect(page.url()).not.toMatch(/constructor|__proto__|toString|notice=|%0A/);
  });

  it('a URL over 16 kB is sent back to the page without its query, which loads its defaults with a notice', async () => {
    for (const n of [17_000, 100_000, 1_500_000]) {
      await load(`?s2.kappa=30&s1.fx=${'x+'.repeat(n / 2)}x#s2`);
      expect(await notice()).toContain('the link was longer than 16 kB');
      expect((await state('s2')).kappa).toBe(25);
      expect(new URL(page.url()).search).toBe('');
      expect(new URL(page.url()).hash).toBe('#s2');
      expect(errors).toEqual([]);
    }
    await load(`?s2.kappa=${'9'.repeat(20_000)}`);
    expect(await notice()).toContain('the link was longer than 16 kB');
    await page.screenshot({ path: join(screenshots, 'hardening-url-too-long-1440.png') });
  });

  it('a query over 16 kB that reaches the page (another server) is ignored with a notice, by the Store itself', async () => {
    await load('');
    const problems = await page.evaluate(() => {
      const S = window.__explorer.store.constructor as unknown as new (r: unknown, q: string) => { problems: string[]; state: Record<string, Record<string, unknown>> };
      return new S(window.__explorer.store.registry, `?s2.kappa=30&x=${'a'.repeat(17_000)}`).problems;
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('over the 16 kB the explorer reads: it was ignored');
  });

  it('screenshot of the notice at 1440 px (prototype keys, hex, spaces, clamping, a newline in a field)', async () => {
    await load('?s2.constructor=1&__proto__=1&s1.a=0x10&s1.b=%205%20&s1.c=9&s1.sys=custom&s1.fy=-x%0A%0Aecho%20hi%0A');
    expect(await notice()).toContain('s1.c="9" is outside [-3, 3]; using the nearest end, 3');
    await page.screenshot({ path: join(screenshots, 'hardening-notice-1440.png') });
    expect(errors).toEqual([]);
  });
});

/** The words `line` splits into in a POSIX shell (sh -c 'printf %s\n "$@"' _ <line>), without running it. */
function shellWords(line: string): string[] {
  const out = execFileSync('sh', ['-c', `sh -c 'printf "%s\\n" "$@"' _ ${line}`], { encoding: 'utf8' });
  return out.replace(/\n$/, '').split('\n');
}

describe('exported commands are quoted for the shell', () => {
  it('shellQuote: every value is one single-quoted word, whatever it holds; control characters are refused', () => {
    const values = ["it's", '$(echo pwned)', '`id`', 'a;b', 'a && b', '*', '', ' two words ', "'", "''", '\\', '-x + (1 - x^2) * y'];
    const words = shellWords(`cmd ${values.map(shellQuote).join(' ')}`);
    expect(words).toEqual(['cmd', ...values]);
    expect(sh`momentum-lab dynamics lorenz --a ${10} --b ${"'; rm -rf / '"}`).toBe("momentum-lab dynamics lorenz --a '10' --b ''\\''; rm -rf / '\\'''");
    for (const bad of ['a\nb', 'a\rb', 'a\u0000b', '\u001b[31m', 'a\u202eb', 'a\u2028b']) expect(() => shellQuote(bad)).toThrow(/control character/);
    expect(cliText(() => sh`momentum-lab run --x ${'1\necho hi'}`)).toMatch(/^# not exported: a value holds a control character/);
    expect(cliText(() => 'momentum-lab a\nmomentum-lab b')).toBe('momentum-lab a\nmomentum-lab b');
    expect(cliText(() => 'momentum-lab a\u001b]0;x\u0007')).toBe('# not exported: a value holds a control character');
  });

  async function exported(panel: string): Promise<string> {
    await page.locator(`#${panel} details.export summary`).click();
    const cli = (await page.locator(`#${panel} [data-cli]`).textContent())!;
    await page.locator(`#${panel} details.export summary`).click();
    return cli;
  }

  it('the injection URL exports one line whose words are exactly the command and the fields shown', async () => {
    await load('?s1.sys=custom&s1.fy=-x%0A%0Aecho%20hi%0A');
    await mountSection(page, 's1');
    const cli = await exported('s1-cycles');
    expect(cli.split('\n')).toHaveLength(1);
    expect(cli).not.toContain('echo hi');
    const words = shellWords(cli);
    const st = await state('s1');
    expect(words).toHaveLength(6);
    expect(words.slice(0, 3)).toEqual(['node', '--input-type=module', '-e']);
    expect(words.slice(4)).toEqual([st.fx, st.fy]);
    expect(errors).toEqual([]);
  });

  it('a typed field with spaces, parentheses, * and ^ round-trips, and the exported command computes the page\'s period', async () => {
    const fx = 'y', fy = '-x + (1 - x^2) * y * 2';
    await load(`?s1.sys=custom&s1.fx=${encodeURIComponent(fx)}&s1.fy=${encodeURIComponent(fy)}`);
    expect(await notice()).toBeNull();
    await mountSection(page, 's1');
    await page.waitForFunction(() => /Limit cycle|No attracting/.test(document.querySelector('#s1-cycles .status')?.textContent ?? ''), null, { timeout: 30_000 });
    const cli = await exported('s1-cycles');
    expect(shellWords(cli).slice(4)).toEqual([fx, fy]);
    // Run it (the library from dist/, as an installed momentum-lab would be) and compare with the page's read-out.
    if (existsSync(join(repo, 'dist/src/index.js'))) {
      const out = JSON.parse(execFileSync('sh', ['-c', cli], { cwd: repo, encoding: 'utf8', timeout: 60_000 })) as { period: number };
      const shown = Number(await page.locator('[data-readout="s1.period"]').getAttribute('data-value'));
      expect(Math.abs(out.period - shown)).toBeLessThanOrEqual(1e-6 * shown);
    }
    for (const [panel, head] of [['s1-linear', "momentum-lab dynamics linear --matrix '0.3,1;-1,0.3' --alpha '0.3' --format json"], ['s1-lorenz', 'momentum-lab dynamics lorenz --a \'10\'']] as const) {
      expect(await exported(panel)).toContain(head);
    }
    expect(errors).toEqual([]);
  });
});

describe('a typed field has a time budget', () => {
  it('a field too slow to evaluate is stopped after 2 s in its worker, with a notice; the page stays responsive', async () => {
    await load(`?s1.sys=custom&s1.fx=y&s1.fy=${encodeURIComponent('-1e6*x')}#s1-cycles`);
    const t0 = Date.now();
    await within(40_000, 'mount s1', () => mountSection(page, 's1'));
    const status = page.locator('#s1-cycles .status');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('#s1-cycles .status')?.dataset.state === 'stopped', null, { timeout: 40_000 });
    expect(await status.textContent()).toMatch(/^Stopped after 2 s: the typed field is too slow/);
    const ping = Date.now();
    await within(1000, 'main thread', () => page.evaluate(() => 1));
    expect(Date.now() - ping).toBeLessThan(1000);
    expect(await page.locator('[data-readout="s1.period"]').textContent()).toBe('–');
    await page.locator('#s1-cycles').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, 'hardening-field-stopped-1440.png') });
    // Typing a fast field afterwards works again (a fresh worker).
    await page.evaluate(() => window.__explorer.store.set('s1', { fy: '-x + (1 - x^2) * y' }));
    await page.waitForFunction(() => /^Limit cycle: period 6\.66329/.test(document.querySelector('#s1-cycles .status')?.textContent ?? ''), null, { timeout: 30_000 });
    console.log(`typed-field budget: stopped and recovered in ${Date.now() - t0} ms`);
    expect(errors).toEqual([]);
  });

  it('the power tower x^x^...^x (20 levels) does not hang the page', async () => {
    await load(`?s1.sys=custom&s1.fx=${encodeURIComponent(Array(20).fill('x').join('^'))}`);
    await within(40_000, 'mount s1', () => mountSection(page, 's1'));
    await page.waitForFunction(() => {
      const s = document.querySelector<HTMLElement>('#s1-cycles .status');
      return !!s && s.textContent !== 'Computing the typed field…' && s.textContent !== '';
    }, null, { timeout: 40_000 });
    await within(1000, 'main thread', () => page.evaluate(() => 1));
    expect(await page.locator('#s1-cycles .status').textContent()).toMatch(/Stopped after 2 s|No attracting cycle|not finite/);
    expect(errors).toEqual([]);
  });
});

describe('legal values at the edges of their range', () => {
  it('r below the bifurcation window (r = 0, 0.5, 2.4) does not hang the page (the red rule is clipped: no resize loop)', async () => {
    for (const r of ['0', '0.5', '2.4']) {
      await load(`?s1.r=${r}`);
      await within(30_000, `mount s1 at r = ${r}`, () => mountSection(page, 's1'));
      await within(2_000, 'main thread', () => page.evaluate(() => 1));
      expect(await page.locator('[data-readout="s1.logisticPeriod"]').textContent()).toBe('1');
      expect(errors).toEqual([]);
    }
  });
});

// ---- the fuzz ----

const PROTO_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__', 'isPrototypeOf'];
const CONTROL = ['\n', '\r\n', '\t', '\u0000', '\u001b[31m', '\u007f', '\u0085', '\u202e', '\u200b', '\u2028'];

function arbitraries(only?: string) {
  const own = fields.filter((f) => !only || f.sec === only);
  const name = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...own.map((f) => `${f.sec}.${f.key}`)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...sections, ...PROTO_KEYS), fc.constantFrom(...PROTO_KEYS)).map(([a, b]) => `${a}.${b}`) },
    { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS, 'notice', '.', 's1.', '.a', 's1..a') },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const choices = own.flatMap((f) => /^one of (.+)$/.exec(f.allowed)?.[1].split(' | ') ?? []);
  const number = fc.oneof(
    fc.double({ noNaN: false }).map(String),
    fc.integer({ min: -1e6, max: 1e6 }).map(String),
    fc.double({ min: -10, max: 10, noNaN: true }).map((x) => x.toPrecision(4)),
    fc.constantFrom('0x10', '0b11', '0o7', ' 5 ', '5 ', '+5', '-0', '.5', '5.', '1e400', '-1e-400', '1e', 'Infinity', '-Infinity', 'NaN', '1_000', '١٢', '5e-324', '1.7976931348623157e308'),
  );
  const value = fc.oneof(
    { weight: 4, arbitrary: number },
    { weight: 2, arbitrary: fc.constantFrom(...choices, '1', '0', 'true', 'custom', 'gd,hb,nag', 'hb:alpha=0.1,beta=0.9', '1,2;3,4', 'y', '-x + y', 'x^x^x^x^x^x^x^x') },
    { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 6 }), fc.constantFrom(...CONTROL), fc.string({ maxLength: 6 })).map(([a, c, b]) => a + c + b) },
    { weight: 1, arbitrary: fc.constantFrom(...PROTO_KEYS) },
  );
  const raw = fc.constantFrom('%', '%zz', '%E0%A4%A', '&&', '==', '=&=', '+', '%00', '%0A');
  const pair = fc.tuple(name, value);
  return fc.tuple(fc.array(pair, { minLength: 1, maxLength: 6 }), fc.array(raw, { maxLength: 2 })).map(([pairs, junk]) =>
    `?${[new URLSearchParams(pairs).toString(), ...junk].filter(Boolean).join('&')}`);
}

/** Numbers as words in `text` that are not finite: NaN, Infinity (after removing what the query itself typed). */
function nonFinite(text: string, typed: string[]): string[] {
  let t = text;
  for (const v of typed.filter((x) => x.length >= 3).sort((a, b) => b.length - a.length)) t = t.split(v).join(' ');
  return t.match(/.{0,30}\b(NaN|-?Infinity)\b.{0,30}/g) ?? [];
}

function typedValues(query: string): string[] {
  return [...new URLSearchParams(query)].flatMap(([k, v]) => [k, v, v.trim()]);
}

describe('fuzz: URL states', () => {
  it(`${STATE_RUNS} generated queries decoded by the page's Store: never throws, every value valid and finite, the URL round-trips`, async () => {
    await load('');
    const t0 = Date.now();
    await fc.assert(fc.asyncProperty(arbitraries(), async (query) => {
      const r = await page.evaluate((q) => {
        const store = window.__explorer.store;
        const S = store.constructor as unknown as new (r: typeof store.registry, q: string) => typeof store;
        const a = new S(store.registry, q);
        const bad: string[] = [];
        for (const [sec, shape] of Object.entries(store.registry)) {
          if (!Object.prototype.hasOwnProperty.call(a.state, sec)) { bad.push(`missing section ${sec}`); continue; }
          for (const [key, f] of Object.entries(shape)) {
            const v = a.state[sec][key];
            if (typeof v !== typeof f.default) bad.push(`${sec}.${key}: ${typeof v}`);
            if (typeof v === 'number' && (!Number.isFinite(v) || (f.range && (v < f.range.min || v > f.range.max || (f.range.int && !Number.isInteger(v)))))) bad.push(`${sec}.${key} = ${v}`);
          }
          if (Object.keys(a.state[sec]).length !== Object.keys(shape).length) bad.push(`${sec}: extra keys ${Object.keys(a.state[sec])}`);
        }
        if (Object.keys(a.state).length !== Object.keys(store.registry).length) bad.push(`extra sections ${Object.keys(a.state)}`);
        // The URL keeps 12 significant digits: decoding it gives the same state up to that rounding, and is then stable.
        const b = new S(store.registry, a.query());
        for (const sec of Object.keys(store.registry)) {
          for (const [key, v] of Object.entries(a.state[sec])) {
            const w = b.state[sec][key];
            const close = typeof v === 'number' ? Math.abs(v - (w as number)) <= 1e-11 * Math.abs(v) + 1e-300 : JSON.stringify(v) === JSON.stringify(w);
            if (!close) bad.push(`${sec}.${key}: ${JSON.stringify(v)} -> URL -> ${JSON.stringify(w)}`);
          }
        }
        const same = b.query() === a.query() && JSON.stringify(new S(store.registry, b.query()).state) === JSON.stringify(b.state);
        return { bad, problems: a.problems, same, again: b.problems, proto: Object.getPrototypeOf(a.state) === Object.prototype };
      }, query);
      expect(r.bad).toEqual([]);
      expect(r.same).toBe(true);
      expect(r.again).toEqual([]);
      expect(r.proto).toBe(true);
      expect(r.problems.length).toBeLessThanOrEqual(13);
      for (const p of r.problems) expect(typeof p).toBe('string');
    }), { numRuns: STATE_RUNS, seed: SEED });
    console.log(`fuzz (Store): ${STATE_RUNS} queries in ${Date.now() - t0} ms`);
    expect(errors).toEqual([]);
  }, 600_000);

  it(`${LIVE_RUNS} generated URL states applied to the page with every section mounted: no page error, no hang, no NaN/Infinity shown`, async () => {
    await load('');
    for (const sec of sections) await within(90_000, `mount ${sec}`, () => mountSection(page, sec));
    const t0 = Date.now();
    let n = 0;
    await fc.assert(fc.asyncProperty(arbitraries(), async (query) => {
      n++;
      const t1 = Date.now();
      await within(10_000, `apply ${query}`, () => page.evaluate(async (q) => {
        const store = window.__explorer.store;
        const S = store.constructor as unknown as new (r: typeof store.registry, q: string) => typeof store;
        const decoded = new S(store.registry, q);
        for (const sec of Object.keys(store.registry)) store.set(sec, decoded.state[sec]);
        // Let the sections' frame schedulers run their updates (workers answer later; their text is checked when shown).
        for (let i = 0; i < 3; i++) await new Promise((ok) => requestAnimationFrame(() => ok(null)));
        await new Promise((ok) => setTimeout(ok, 30));
      }, query));
      await within(5_000, `main thread after ${query}`, () => page.evaluate(() => 1));
      if (Date.now() - t1 > 2000) console.log(`slow URL state (${Date.now() - t1} ms): ${query}`);
      const text = await page.evaluate(() => document.getElementById('sections')!.innerText);
      expect(nonFinite(text, typedValues(query)), query).toEqual([]);
      expect(errors, query).toEqual([]);
    }), { numRuns: LIVE_RUNS, seed: SEED, verbose: 1 });
    console.log(`fuzz (live page): ${n} URL states in ${Date.now() - t0} ms`);
  }, 1_800_000);

  it(`${PAGE_RUNS} generated links loaded in the page, one section mounted: no page error, no hang, no NaN/Infinity shown`, async () => {
    const t0 = Date.now();
    let i = 0;
    const link = fc.constantFrom(...sections).chain((sec) => arbitraries(sec).map((query) => [sec, query] as const));
    await fc.assert(fc.asyncProperty(link, async ([sec, query]) => {
      i++;
      await within(30_000, `load ${query}`, () => load(`${query}#${sec}`));
      await within(60_000, `mount ${sec} for ${query}`, () => mountSection(page, sec));
      await within(5_000, `main thread after ${query}`, () => page.evaluate(() => 1));
      const problems = await page.evaluate(() => window.__explorer.store.problems);
      expect(await page.locator('#notice').isVisible()).toBe(problems.length > 0);
      const text = await page.evaluate((s) => document.getElementById(s)!.innerText, sec);
      expect(nonFinite(text, typedValues(query)), query).toEqual([]);
      expect(errors, query).toEqual([]);
    }), { numRuns: PAGE_RUNS, seed: SEED });
    console.log(`fuzz (pages): ${i} links in ${Date.now() - t0} ms`);
  }, 1_800_000);
});
