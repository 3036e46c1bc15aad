// The explorer's security headers, one definition for every server of the page: scripts/start.js (`npm start`) and
// Vite's dev and preview servers (web/vite.config.ts, `vite web` / `vite preview web`).

/**
 * Sent on every response, errors included. The explorer needs 'wasm-unsafe-eval' (the library compiles its WebAssembly
 * kernels from bytes); no 'unsafe-eval' (Vega's expressions run in vega-interpreter, web/src/ui/chart.ts); styles set by Vega and
 * KaTeX need 'unsafe-inline' in style-src; PNG exports and rasters are data:/blob: images; workers are same-origin.
 */
export const SECURITY_HEADERS = Object.freeze({
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; '),
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
});
