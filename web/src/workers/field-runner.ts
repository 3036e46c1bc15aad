// Runs a typed field's heavy work in its own worker under a time budget: the worker is terminated (and a fresh one
// started for the next job) when the budget runs out or a newer job arrives, so no typed expression can hang the page.
import type { CyclesData } from './cycles.js';
import type { FieldJob, FieldReply } from './field.worker.js';
import { Superseded } from '../ui/pool.js';

/** The default budget for one typed-field job, in milliseconds (from the job's start in the worker). */
export const FIELD_BUDGET_MS = 2000;
/** How long a fresh worker may take to load the library and the expression parser before it is given up. */
const LOAD_MS = 30_000;

/** The job ran out of its time budget and its worker was stopped. */
export class BudgetExceeded extends Error {
  constructor(readonly ms: number) {
    super(`stopped after ${ms / 1000} s`);
  }
}

let worker: Worker | null = null;
let current: { id: number; reject: (e: Error) => void; timer: number } | null = null;
let nextId = 1;

function stop(): void {
  worker?.terminate();
  worker = null;
}

/** Phase portrait, Euler iterates and limit cycle of the typed field (fx, fy), computed in a worker within `budgetMs`. */
export function runTypedField(fx: string, fy: string, step: number, { budgetMs = FIELD_BUDGET_MS } = {}): Promise<CyclesData> {
  if (current) {
    // A newer field supersedes the running one: its worker is stopped, not waited for.
    clearTimeout(current.timer);
    current.reject(new Superseded());
    current = null;
    stop();
  }
  const id = nextId++;
  return new Promise<CyclesData>((resolve, reject) => {
    const w = (worker ??= new Worker(new URL('./field.worker.ts', import.meta.url), { type: 'module', name: 'typed-field' }));
    const finish = () => { if (current?.id === id) { clearTimeout(current.timer); current = null; } };
    const expire = (ms: number, error: () => Error) => window.setTimeout(() => {
      if (current?.id !== id) return;
      current = null;
      stop();
      reject(error());
    }, ms);
    current = { id, reject, timer: expire(LOAD_MS, () => new Error(`the field worker did not start within ${LOAD_MS / 1000} s`)) };
    w.onmessage = (e: MessageEvent<FieldReply>) => {
      const msg = e.data;
      if (msg.id !== id || current?.id !== id) return;
      if ('started' in msg) {
        clearTimeout(current.timer);
        current.timer = expire(budgetMs, () => new BudgetExceeded(budgetMs));
        return;
      }
      finish();
      if (msg.ok) resolve(msg.data);
      else reject(new Error(msg.error));
    };
    w.onerror = (e) => {
      e.preventDefault();
      if (current?.id !== id) return;
      finish();
      stop();
      reject(new Error(e.message || 'the field worker failed'));
    };
    const job: FieldJob = { id, fx, fy, step };
    w.postMessage(job);
  });
}
