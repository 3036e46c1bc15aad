// Workload 4, momentum-lab side: mandelbrot({width: W, height: W, maxIter}) with its defaults (cardioid/bulb test and
// periodicity checking) and with both switched off (brute force, the same work as the C and numpy peers).
// Usage: node bench/js/mandelbrot.js W MAXITER REPS  -> JSON lines: times, pixels inside, sum of iteration counts.
import { mandelbrot } from '../../dist/src/dynamics/index.js';

const W = Number(process.argv[2] ?? 2048), maxIter = Number(process.argv[3] ?? 1000), reps = Number(process.argv[4] ?? 3);
for (const [impl, opts] of [['momentum-lab-brute', { bulbCheck: false, periodicity: false }], ['momentum-lab', {}]]) {
  const times = [];
  let img = mandelbrot({ width: 64, height: 64, maxIter, ...opts }); // warm-up on a small image (V8 tiers up)
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    img = mandelbrot({ width: W, height: W, maxIter, ...opts });
    times.push(performance.now() - t0);
  }
  // Sum of iteration counts as the C peer counts them (maxIter for every inside pixel).
  let iterSum = 0;
  for (let i = 0; i < img.iterations.length; i++) iterSum += img.iterations[i];
  console.log(JSON.stringify({ impl, times_ms: times, inside: img.inside, iterSum }));
}
