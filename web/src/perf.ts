// Frame-time bookkeeping with the Performance API: each live update is measured from the input event that caused it to
// the end of the redraw (performance.measure), and exposed on window.__explorer for the browser tests.
const records = new Map<string, number[]>();

export function record(name: string, ms: number): void {
  if (!records.has(name)) records.set(name, []);
  const list = records.get(name)!;
  list.push(ms);
  if (list.length > 500) list.shift();
}

/** Time an async update (compute + redraw) under `name`. */
export async function timed<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  const t1 = performance.now();
  try {
    performance.measure(name, { start: t0, end: t1 });
  } catch {
    /* older engines: the record below is enough */
  }
  record(name, t1 - t0);
  return out;
}

export function perfSnapshot(): Record<string, number[]> {
  return Object.fromEntries([...records].map(([k, v]) => [k, [...v]]));
}

export function clearPerf(): void {
  records.clear();
}

/** Coalesce bursts of input into one update per animation frame (the latest state wins). */
export function frameScheduler(run: () => Promise<unknown> | void): () => void {
  let queued = false;
  let running = false;
  let again = false;
  const tick = async () => {
    queued = false;
    if (running) { again = true; return; }
    running = true;
    try { await run(); } finally {
      running = false;
      if (again) { again = false; schedule(); }
    }
  };
  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => void tick());
  };
  return schedule;
}
