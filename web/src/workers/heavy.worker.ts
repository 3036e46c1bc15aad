// The heavy-work worker: rate maps, fractals, bifurcation diagrams and certification run here, computed by the
// momentum-lab library, so the page never freezes. One job at a time; the pool drops superseded results.
import type { Job, JobResult } from './protocol.js';
import { handlers } from './handlers.js';

interface Request {
  id: number;
  job: Job;
}

self.onmessage = (e: MessageEvent<Request>) => {
  const { id, job } = e.data;
  try {
    const handler = handlers[job.type] as ((j: Job) => JobResult) | undefined;
    if (!handler) throw new Error(`no handler for job ${job.type}`);
    const result = handler(job);
    const transfer: Transferable[] = [];
    if (result.kind === 'raster') {
      if (result.field) transfer.push(result.field.buffer as ArrayBuffer);
      if (result.rgba) transfer.push(result.rgba.buffer as ArrayBuffer);
      if (result.iterations) transfer.push(result.iterations.buffer as ArrayBuffer);
      if (result.smooth) transfer.push(result.smooth.buffer as ArrayBuffer);
    } else if (result.kind === 'array') {
      transfer.push(result.data.buffer as ArrayBuffer);
      for (const a of Object.values(result.arrays ?? {})) transfer.push(a.buffer as ArrayBuffer);
    }
    (self as unknown as Worker).postMessage({ id, ok: true, result }, transfer);
  } catch (err) {
    (self as unknown as Worker).postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
