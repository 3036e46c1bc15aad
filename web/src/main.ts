// Entry point: validate the URL into the store, build the table of contents, mount sections lazily as they
// approach the viewport (so heavy workers start only for what is seen), and report malformed URLs.
import 'katex/dist/katex.min.css';
import './style.css';
import { Store } from './state/store.js';
import type { Registry } from './state/url.js';
import { h } from './ui/dom.js';
import { perfSnapshot, clearPerf } from './perf.js';
import { sections } from './sections/index.js';

const registry: Registry = Object.fromEntries(sections.map((s) => [s.id, s.shape]));
const store = new Store(registry, location.search);

const ready = new Set<string>();
const failed = new Map<string, string>();
const mounting = new Map<string, Promise<void>>();

function showNotice(lines: string[]): void {
  const box = document.getElementById('notice')!;
  box.hidden = false;
  const close = h('button', { type: 'button', class: 'notice-close', 'aria-label': 'Dismiss notice', text: '×' });
  close.addEventListener('click', () => { box.hidden = true; });
  box.replaceChildren(
    h('strong', { text: 'The link had parameters that could not be used as given; each line says what is shown instead.' }),
    h('ul', {}, ...lines.map((l) => h('li', { text: l }))),
    close,
  );
}

function mount(id: string): Promise<void> {
  if (mounting.has(id)) return mounting.get(id)!;
  const sec = sections.find((s) => s.id === id)!;
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

function build(): void {
  const toc = document.getElementById('toc')!;
  const host = document.getElementById('sections')!;
  const list = h('ol', {});
  sections.forEach((s, i) => {
    list.append(h('li', {}, h('a', { href: `#${s.id}`, 'data-nav': s.id }, h('span', { class: 'num', text: String(i + 1) }), ` ${s.title}`)));
    host.append(
      h('section', { class: 'lecture-section', id: s.id, 'aria-labelledby': `${s.id}-title` },
        h('header', { class: 'section-head' },
          h('h2', { id: `${s.id}-title` }, h('span', { class: 'num', text: `${i + 1}` }), ` ${s.title}`),
          h('p', { class: 'summary', text: s.summary })),
        h('div', { class: 'section-body' })),
    );
  });
  toc.append(list);

  const io = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting) {
        io.unobserve(e.target);
        void mount(e.target.id);
      }
    }
  }, { rootMargin: '600px 0px' });
  for (const s of sections) io.observe(document.getElementById(s.id)!);

  const spy = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      for (const a of toc.querySelectorAll('a')) a.classList.toggle('active', a.dataset.nav === e.target.id);
    }
  }, { rootMargin: '-40% 0px -55% 0px' });
  for (const s of sections) spy.observe(document.getElementById(s.id)!);

  const target = location.hash.slice(1);
  if (sections.some((s) => s.id === target)) void mount(target).then(() => document.getElementById(target)?.scrollIntoView());
}

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
      perf: () => Record<string, number[]>;
      clearPerf: () => void;
    };
  }
}
window.__explorer = { store, ready, failed, mount, perf: perfSnapshot, clearPerf };
