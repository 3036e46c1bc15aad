// KaTeX rendering (fonts and CSS are bundled by Vite from the katex package: works offline), and the text of panels:
// inline `$...$` math and state links `[[label|s2.beta=0&s2.alpha=1.8]]`.
import katex from 'katex';

export function tex(src: string, display = false): HTMLElement {
  const el = document.createElement(display ? 'div' : 'span');
  el.className = display ? 'math display' : 'math';
  katex.render(src, el, { throwOnError: false, displayMode: display, output: 'htmlAndMathml' });
  return el;
}

/** Checks a state link's query against the registry: its problem lines (none when every key is valid). Set by main.ts. */
let validate: ((query: string) => string[]) | null = null;
export function setStateLinkValidator(fn: (query: string) => string[]): void {
  validate = fn;
}

/**
 * A state link: `label` may hold inline math; `query` is URL keys (`s2.beta=0&s2.alpha=1.8`), optionally ending in
 * `#panel-id` (where to show it; by default the panel holding the link). Followed by main.ts.
 */
function stateLink(label: string, target: string): HTMLElement {
  const hash = target.indexOf('#');
  const query = hash < 0 ? target : target.slice(0, hash);
  const a = document.createElement('a');
  a.className = 'state-link';
  a.dataset.set = query;
  if (hash >= 0) a.dataset.target = target.slice(hash + 1);
  a.href = `?${query}${hash >= 0 ? target.slice(hash) : ''}`; // else the panel's anchor is added by panel() / the section header
  a.append(inline(label));
  const problems = validate?.(query) ?? [];
  if (problems.length) {
    a.classList.add('invalid');
    a.title = problems.join('; ');
    console.warn(`state link [[${label}|${query}]]: ${problems.join('; ')}`);
  }
  return a;
}

/** `$...$` as inline math, the rest as text. */
function inline(text: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  for (const part of text.split(/(\$[^$]+\$)/g)) {
    if (part.startsWith('$') && part.endsWith('$') && part.length > 2) frag.append(tex(part.slice(1, -1)));
    else if (part) frag.append(part);
  }
  return frag;
}

/** A paragraph's text: `$...$` rendered as inline math, `[[label|query]]` as a state link. */
export function richText(text: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  for (const part of text.split(/(\[\[[^\]|]+\|[^\]]+\]\])/g)) {
    const m = /^\[\[([^\]|]+)\|([^\]]+)\]\]$/.exec(part);
    if (m) frag.append(stateLink(m[1], m[2].trim()));
    else if (part) frag.append(inline(part));
  }
  return frag;
}
