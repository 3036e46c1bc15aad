// A pool of two module workers (the machine has two cores) running heavy jobs off the main thread.
// Jobs carry a key: a newer job with the same key supersedes an older one still queued, and a superseded result is
// dropped, so dragging a slider never queues stale work.
import type { Job, JobResult } from '../workers/protocol.js';

interface Pending {
  id: number;
  key: string;
  job: Job;
  resolve: (r: JobResult) => void;
  reject: (e: Error) => void;
}

export class Superseded extends Error {
  constructor() {
    super('superseded');
  }
}

class Pool {
  private workers: Worker[] = [];
  private busy = new Map<Worker, Pending>();
  private queue: Pending[] = [];
  private latest = new Map<string, number>();
  private nextId = 1;

  constructor(size: number) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(new URL('../workers/heavy.worker.ts', import.meta.url), { type: 'module', name: `heavy-${i}` });
      w.onmessage = (e: MessageEvent<{ id: number; ok: boolean; result?: JobResult; error?: string }>) => this.done(w, e.data);
      w.onerror = (e) => { e.preventDefault(); this.done(w, { id: -1, ok: false, error: e.message || 'worker error' }); };
      this.workers.push(w);
    }
  }

  run(key: string, job: Job, transfer: Transferable[] = []): Promise<JobResult> {
    const id = this.nextId++;
    this.latest.set(key, id);
    this.queue = this.queue.filter((p) => {
      if (p.key !== key) return true;
      p.reject(new Superseded());
      return false;
    });
    return new Promise((resolve, reject) => {
      this.queue.push({ id, key, job, resolve, reject });
      this.pump(transfer);
    });
  }

  private pump(transfer: Transferable[] = []): void {
    for (const w of this.workers) {
      if (this.busy.has(w) || !this.queue.length) continue;
      const p = this.queue.shift()!;
      this.busy.set(w, p);
      w.postMessage({ id: p.id, job: p.job }, transfer);
    }
  }

  private done(w: Worker, msg: { id: number; ok: boolean; result?: JobResult; error?: string }): void {
    const p = this.busy.get(w);
    this.busy.delete(w);
    if (p) {
      if (this.latest.get(p.key) !== p.id) p.reject(new Superseded());
      else if (msg.ok) p.resolve(msg.result!);
      else p.reject(new Error(msg.error ?? 'worker failed'));
    }
    this.pump();
  }
}

let pool: Pool | null = null;

/** Run a job in the shared worker pool; rejects with Superseded if a newer job with the same key was submitted. */
export function runJob(key: string, job: Job): Promise<JobResult> {
  pool ??= new Pool(Math.max(1, Math.min(2, navigator.hardwareConcurrency || 2)));
  return pool.run(key, job);
}

/**
 * Run `jobs` as separate pool jobs (keys `${key}#i`, queued in order so the cheap ones come first) and hand each result
 * to `onResult` as it arrives, so a view can draw a first partial result and refine. Rejects with Superseded when a
 * newer call with the same key replaced any of them.
 */
export async function runJobs(key: string, jobs: Job[], onResult: (i: number, r: JobResult) => void | Promise<void>): Promise<void> {
  const gen = (generations.get(key) ?? 0) + 1;
  generations.set(key, gen);
  const settled = await Promise.allSettled(jobs.map((job, i) => runJob(`${key}#${i}`, job).then(async (r) => {
    if (generations.get(key) !== gen) throw new Superseded();
    await onResult(i, r);
  })));
  if (generations.get(key) !== gen) throw new Superseded();
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
}

const generations = new Map<string, number>();
