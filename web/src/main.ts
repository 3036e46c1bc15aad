// Entry point: validate the URL into the store, build the table of contents, mount sections lazily as they
// approach the viewport (so heavy workers start only for what is seen), and report malformed URLs. Back/Forward
// restore the state (popstate), `#panel-id` anchors mount their section and scroll to the panel, and state links in
// the text (`[[label|s2.beta=0]]`, ui/math.ts) set the state they name.
import 'katex/dist/katex.min.css';
import './style.css';
import { Store } from './state/store.js';
import { decodePatch, type Registry } from './state/url.js';
import { h } from './ui/dom.js';
import { richText, setStateLinkValidator } from './ui/math.js';
import { applyMethodColors, METHOD_COLORS, METHOD_KEYS, METHOD_LABELS } from './ui/colors.js';
import { liveCharts, type Chart } from './ui/chart.js';
import { perfSnapshot, clearPerf } from './perf.js';
import { sections, chapters } from './sections/index.js';

const registry: Registry = Object.fromEntries(sections.map((s) => [s.id, s.shape]));
const store = new Store(registry, location.search);
applyMethodColors();
setStateLinkValidator((q) => decodePatch(q, registry).problems);

const ready = new Set<string>();
const failed = new Map<string, string>();
const mounting = new Map<string, Promise<void>>();

function showNotice(lines: string[], head = 'The link had parameters that could not be used as given; each line says what is shown instead.'): void {
  const box = document.getElementById('notice')!;
  box.hidden = false;
  const close = h('button', { type: 'button', class: 'notice-close', 'aria-label': 'Dismiss notice', text: '×' });
  close.addEventListener('click', () => { box.hidden = true; });
  box.replaceChildren(h('strong', { text: head }), h('ul', {}, ...lines.map((l) => h('li', { text: l }))), close);
}

function mount(id: string): Promise<void> {
  if (mounting.has(id)) return mounting.get(id)!;
  const sec = sections.find((s) => s.id === id);
  if (!sec) return Promise.reject(new Error(`no section ${JSON.stringify(id)}`));
  const body = document.querySelector<HTMLElement>(`#${id} .section-body`)!;
  const p = (async () => {
    try {
      await sec.mount(body, store);
      ready.add(id);
      document.getElementById(id)!.dataset.ready = '1';
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      failed.set(id, msg);
      body.append(h('p', { class: 'section-error', role: 'alert', text: `This section could not be built: ${msg}` }));
      console.warn(`section ${id}:`, err);
    }
  })();
  mounting.set(id, p);
  return p;
}

/** The section an anchor belongs to: `s4` or a panel id `s4-map` (ids start with their section's id and a dash). */
function sectionOf(anchor: string): string | null {
  if (sections.some((s) => s.id === anchor)) return anchor;
  const sec = anchor.slice(0, anchor.indexOf('-'));
  return sections.some((s) => s.id === sec) ? sec : null;
}

let userScrolled = false;
for (const ev of ['wheel', 'touchmove', 'keydown', 'mousedown']) addEventListener(ev, () => { userScrolled = true; }, { passive: true });

/**
 * Mount the anchor's section, wait until it is ready, and scroll the anchor (section, panel or figure) into view.
 * Sections above it that mount meanwhile change the layout: for two seconds the scroll is redone unless the user moved.
 */
async function goTo(anchor: string, el?: () => HTMLElement | null): Promise<boolean> {
  const sec = sectionOf(anchor);
  if (!sec) return false;
  await mount(sec);
  const target = () => el?.() ?? document.getElementById(anchor);
  const t = target();
  if (!t) return false;
  userScrolled = false;
  t.scrollIntoView({ block: 'start', behavior: 'instant' });
  const started = performance.now();
  const ro = new ResizeObserver(() => {
    if (userScrolled || performance.now() - started > 2000) { ro.disconnect(); return; }
    target()?.scrollIntoView({ block: 'start', behavior: 'instant' });
  });
  ro.observe(document.getElementById('sections')!);
  setTimeout(() => ro.disconnect(), 2100);
  return true;
}

function tocList(): HTMLOListElement {
  const list = h('ol', {});
  sections.forEach((s, i) => {
    if (chapters[s.id] && i > 0) list.append(h('li', { class: 'toc-chapter', 'aria-hidden': 'true', text: chapters[s.id] }));
    list.append(h('li', {}, h('a', { href: `#${s.id}`, 'data-nav': s.id, title: s.title }, h('span', { class: 'num', text: String(i + 1) }), ` ${s.title}`)));
  });
  return list;
}

/** The header's index: a row that scrolls with fades at its ends on wide screens, a disclosure menu on phones. */
function buildToc(): void {
  const toc = document.getElementById('toc')!;
  const row = h('div', { class: 'toc-row' }, tocList());
  const menu = h('details', { class: 'toc-menu' }, h('summary', { text: 'Sections' }), tocList());
  menu.addEventListener('click', (e) => { if ((e.target as HTMLElement).closest('a')) menu.open = false; });
  toc.append(row, menu);
  const cue = () => {
    row.classList.toggle('more-left', row.scrollLeft > 2);
    row.classList.toggle('more-right', row.scrollLeft + row.clientWidth < row.scrollWidth - 2);
  };
  row.addEventListener('scroll', cue, { passive: true });
  new ResizeObserver(cue).observe(row);
  // The header's height, for sticky figures and anchor offsets.
  const head = document.querySelector<HTMLElement>('.site-head')!;
  new ResizeObserver(() => document.documentElement.style.setProperty('--head-h', `${head.offsetHeight}px`)).observe(head);
}

/** The method legend under the intro, from the palette table (the same colours as every chart). */
function buildLegend(): void {
  const row = document.querySelector<HTMLElement>('.legend-row');
  if (!row) return;
  const shown = ['gd', 'hb', 'nag', 'cg', 'chebyshev', 'aggmo'];
  row.replaceChildren(...METHOD_KEYS.filter((k) => shown.includes(k)).map((k) =>
    h('span', { class: 'm', 'data-method': k, style: `--c: ${METHOD_COLORS[k]}`, text: METHOD_LABELS[k] ?? k })));
}

/**
 * "Verify this": claims the report checks (cli/report/checks/*.ts), each a state link to the live figure that shows it.
 * Keys are validated like the URL's (a stale key shows a notice when followed).
 */
const VERIFY = [
  '[[gradient descent is heavy ball with $\\beta = 0$|s2.beta=0#s2-panel]]',
  '[[the regime threshold is $T = (1-\\sqrt\\beta)^2/\\alpha$ (the slide lost a sign)|s4.beta1=0.81&s4.alpha1=1#s4-rho]]',
  '[[Polyak-tuned heavy ball falls into a 3-cycle from $x_0 = 3.3$|s8.x0=3.3#s8-counter]]',
  '[[and converges from $x_0 = 0.5$|s8.x0=0.5#s8-counter]]',
];

function buildVerify(): void {
  const intro = document.querySelector('.intro');
  if (!intro) return;
  intro.append(h('p', { class: 'verify' }, h('span', { class: 'verify-head', text: 'Verify the report, live: ' }), richText(VERIFY.join(' · '))));
}

function build(): void {
  buildToc();
  buildLegend();
  buildVerify();
  const host = document.getElementById('sections')!;
  sections.forEach((s, i) => {
    if (chapters[s.id] && i > 0) host.append(h('h2', { class: 'chapter', id: `chapter-${s.id}` }, chapters[s.id]));
    const summary = h('p', { class: 'summary' }, richText(s.summary));
    for (const a of summary.querySelectorAll<HTMLAnchorElement>('a.state-link:not([data-target])')) a.href = `?${a.dataset.set}#${s.id}`;
    host.append(
      h('section', { class: 'lecture-section', id: s.id, 'aria-labelledby': `${s.id}-title`, 'data-num': String(i + 1) },
        h('header', { class: 'section-head' },
          h('h2', { id: `${s.id}-title` }, h('span', { class: 'num', text: `${i + 1}` }), ` ${s.title}`),
          summary),
        h('div', { class: 'section-body' })),
    );
  });

  const io = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting) {
        io.unobserve(e.target);
        void mount(e.target.id);
      }
    }
  }, { rootMargin: '600px 0px' });
  for (const s of sections) io.observe(document.getElementById(s.id)!);

  const toc = document.getElementById('toc')!;
  const spy = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      for (const a of toc.querySelectorAll<HTMLAnchorElement>('a[data-nav]')) a.classList.toggle('active', a.dataset.nav === e.target.id);
    }
  }, { rootMargin: '-40% 0px -55% 0px' });
  for (const s of sections) spy.observe(document.getElementById(s.id)!);

  const target = decodeURIComponent(location.hash.slice(1));
  if (target) void goTo(target);
}

/** Follow a state link: validate its keys, set the valid ones, one history entry, then show the figure. */
async function followStateLink(a: HTMLAnchorElement): Promise<void> {
  const { patch, problems } = decodePatch(a.dataset.set ?? '', registry);
  if (problems.length) showNotice(problems, 'This link names parameters that could not be used as given:');
  for (const [sec, values] of Object.entries(patch)) {
    await mount(sec);
    store.set(sec, values);
  }
  const named = a.dataset.target ? document.getElementById(a.dataset.target) : null;
  const panelEl = a.dataset.target ? (named?.closest<HTMLElement>('.panel') ?? null) : a.closest<HTMLElement>('.panel');
  const anchor = a.dataset.target ?? panelEl?.id ?? Object.keys(patch)[0] ?? a.closest('.lecture-section')?.id;
  if (anchor && location.hash !== `#${anchor}`) history.replaceState(null, '', `${location.pathname}${location.search}#${anchor}`);
  store.commit();
  // The figure (on phones the sticky figure comes first; on wide screens the panel's top shows it beside the text).
  if (anchor) await goTo(anchor, () => {
    const p = panelEl ?? document.getElementById(anchor)?.closest<HTMLElement>('.panel') ?? null;
    return p ? (matchMedia('(max-width: 900px)').matches ? p.querySelector<HTMLElement>('.panel-main') : p) : null;
  });
}

document.addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest?.('a.state-link') as HTMLAnchorElement | null;
  if (!a || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  void followStateLink(a).catch((err) => showNotice([String(err instanceof Error ? err.message : err)], 'This link could not be followed:'));
});

// Back/Forward: the whole state from the entry's query; a changed hash scrolls to its anchor.
let lastHash = location.hash;
addEventListener('popstate', () => {
  const problems = store.restore(location.search);
  if (problems.length) showNotice(problems);
  if (location.hash !== lastHash) { lastHash = location.hash; if (location.hash) void goTo(decodeURIComponent(location.hash.slice(1))); }
});
addEventListener('hashchange', () => {
  if (location.hash === lastHash) return; // popstate handled it
  lastHash = location.hash;
  const target = decodeURIComponent(location.hash.slice(1));
  if (target) void goTo(target);
});

build();
if (store.problems.length) {
  showNotice(store.problems);
  store.writeUrl();
}

// Hooks for the browser tests and for embedding: mount a section on demand, read the state and the frame times.
declare global {
  interface Window {
    __explorer: {
      store: Store;
      ready: Set<string>;
      failed: Map<string, string>;
      mount: (id: string) => Promise<void>;
      goTo: (anchor: string) => Promise<boolean>;
      charts: () => Chart[];
      methodColors: Record<string, string>;
      methodLabels: Record<string, string>;
      perf: () => Record<string, number[]>;
      clearPerf: () => void;
    };
  }
}
window.__explorer = {
  store, ready, failed, mount, goTo, charts: () => [...liveCharts], methodColors: METHOD_COLORS, methodLabels: METHOD_LABELS, perf: perfSnapshot, clearPerf,
};
