// Workload nqm, momentum-lab side: the tuned steps-to-target curves of SGD (gd) and heavy ball on the paper's NQM
// (10^4 directions h_i = c_i = 1/i, E w0^2 = 1, target 0.01), by the path `momentum-lab nqm --method sgd,hb` takes
// (cli/commands/nqm.ts): nqmSetup, nqmBins once, then nqmTune per batch size in ascending order, each warm-started
// from the previous optimum. Modes:
//   node bench/js/nqm.js curve B1,B2,... REPS   REPS timed curves of each method (the first one includes V8's warm-up)
//   node bench/js/nqm.js points < points.json   [{method, batch, alpha, beta}]: exact nqmStepsToTarget at each point
import { readFileSync } from 'node:fs';
import { nqmBins, nqmSetup, nqmStepsToTarget, nqmTune } from '../../dist/src/theory/index.js';

const TARGET = 0.01;
const setup = nqmSetup({ dim: 10_000 });
const mode = process.argv[2];

function curve(method, batches) {
  const bins = nqmBins(setup);
  const rows = [];
  let prev = null;
  for (const b of [...batches].sort((x, y) => x - y)) {
    const t = nqmTune(method, setup, b, TARGET, { bins, start: prev ? [prev] : [] });
    if (t.alpha !== null) prev = { alpha: t.alpha, beta: t.beta };
    rows.push({ batch: b, steps: t.steps, alpha: t.alpha, beta: t.beta, evaluated: t.evaluated });
  }
  return rows;
}

if (mode === 'curve') {
  const batches = process.argv[3].split(',').map(Number), reps = Number(process.argv[4]);
  for (const method of ['gd', 'hb']) {
    const times = [];
    let rows;
    for (let r = 0; r < reps; r++) {
      const t0 = performance.now();
      rows = curve(method, batches);
      times.push(performance.now() - t0);
    }
    console.log(JSON.stringify({ impl: `ml-${method}`, times_ms: times, batches, curve: rows }));
  }
} else if (mode === 'points') {
  const points = JSON.parse(readFileSync(0, 'utf8'));
  const steps = points.map((p) => nqmStepsToTarget(p.method === 'gd' ? `gd:alpha=${p.alpha}` : `hb:alpha=${p.alpha},beta=${p.beta}`, setup, p.batch, TARGET).steps);
  console.log(JSON.stringify({ impl: 'ml-points', steps }));
} else {
  console.error('usage: node bench/js/nqm.js curve B1,B2,... REPS | points < points.json');
  process.exit(2);
}
