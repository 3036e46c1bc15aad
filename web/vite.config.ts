// Vite config for the explorer (root: web/). `npm run build:web` / `npm start` write the static site to dist-web/.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { SECURITY_HEADERS } from '../scripts/security-headers.js';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  build: {
    outDir: fileURLToPath(new URL('../dist-web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
  },
  worker: { format: 'es' },
  // The same security headers as `npm start` (scripts/security-headers.js), on the dev server and on `vite preview`.
  server: { host: '127.0.0.1', headers: { ...SECURITY_HEADERS }, fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] } },
  preview: { host: '127.0.0.1', headers: { ...SECURITY_HEADERS } },
});
