// KaTeX rendering (fonts and CSS are bundled by Vite from the katex package: works offline).
import katex from 'katex';

export function tex(src: string, display = false): HTMLElement {
  const el = document.createElement(display ? 'div' : 'span');
  el.className = display ? 'math display' : 'math';
  katex.render(src, el, { throwOnError: false, displayMode: display, output: 'htmlAndMathml' });
  return el;
}

/** Replace `$...$` in a plain-text paragraph with rendered inline math. */
export function richText(text: string): DocumentFragment {
  const frag = document.createDocumentFragment();
  const parts = text.split(/(\$[^$]+\$)/g);
  for (const part of parts) {
    if (part.startsWith('$') && part.endsWith('$') && part.length > 2) frag.append(tex(part.slice(1, -1)));
    else if (part) frag.append(part);
  }
  return frag;
}
