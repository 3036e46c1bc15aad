// Server-side math: KaTeX renders every $...$ and $$...$$ to HTML at build time, and the report inlines KaTeX's CSS
// with its fonts as base64, so the page needs no network and no JavaScript.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import katex from 'katex';

const require = createRequire(import.meta.url);

/** Escape text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Render TeX with KaTeX (errors throw: a typo in the report's math fails the build instead of showing red text).
 *
 * @example
 * tex('\\sqrt{\\beta}').startsWith('<span class="katex">'); // returns true
 */
export function tex(source: string, displayMode = false): string {
  return katex.renderToString(source, { displayMode, throwOnError: true, output: 'html', strict: 'ignore' });
}

/**
 * Turn a line of prose with `$inline$`, `$$display$$` and `**bold**` into HTML; everything else is escaped.
 *
 * @example
 * inline('a **b** $x$').includes('<strong>b</strong>'); // returns true
 */
export function inline(text: string): string {
  const parts = text.split(/(\$\$[^$]+\$\$|\$[^$]+\$)/g);
  return parts.map((p) => {
    if (p.startsWith('$$') && p.endsWith('$$') && p.length > 4) return tex(p.slice(2, -2), true);
    if (p.startsWith('$') && p.endsWith('$') && p.length > 2) return tex(p.slice(1, -1));
    return escapeHtml(p).replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/`([^`]+)`/g, '<code>$1</code>');
  }).join('');
}

/**
 * Prose to HTML: paragraphs separated by blank lines, lines starting with "- " become a list, a paragraph that is
 * only `$$...$$` becomes display math.
 */
export function prose(text: string): string {
  return text.trim().split(/\n\s*\n/).map((block) => {
    const lines = block.split('\n').map((l) => l.trim());
    if (lines.every((l) => l.startsWith('- '))) return `<ul>${lines.map((l) => `<li>${inline(l.slice(2))}</li>`).join('')}</ul>`;
    const joined = lines.join(' ');
    if (/^\$\$[^$]+\$\$$/.test(joined)) return `<div class="display">${tex(joined.slice(2, -2), true)}</div>`;
    return `<p>${inline(joined)}</p>`;
  }).join('\n');
}

/** KaTeX's stylesheet with its woff2 fonts inlined as data URLs (the woff/ttf fallbacks dropped). */
export function katexCss(): string {
  const cssPath = require.resolve('katex/dist/katex.min.css');
  const css = readFileSync(cssPath, 'utf8');
  const fonts = join(dirname(cssPath), 'fonts');
  return css.replace(/src:url\(fonts\/([^)]+)\.woff2\) format\("woff2"\)(,url\([^)]+\) format\("[a-z]+"\))*/g, (_m, name: string) => {
    const data = readFileSync(join(fonts, `${name}.woff2`)).toString('base64');
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
}
