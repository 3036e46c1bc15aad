#!/usr/bin/env node
// The momentum-lab command line. The TypeScript sources are compiled to dist/ by `npm run build`
// (run automatically by `npm ci` through the `prepare` script).
import { main } from '../dist/cli/main.js';

main(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`momentum-lab: internal error: ${err && err.stack ? err.stack : err}\n`); process.exitCode = 1; },
);
