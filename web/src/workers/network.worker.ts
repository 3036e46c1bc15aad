// Section 10's training worker: one network run at a time (network-run.ts), advanced in slices of `chunkMs` with a
// progress message after each, yielding to the message queue in between so that a newer run (a moved slider) or a
// stop is taken at once. The spectral density is computed every `densityEvery` steps, at the end, and on request.
import type { NetworkReply, NetworkRequest } from './network-protocol.js';
import { networkRun, type NetworkRun } from './network-run.js';

let run: NetworkRun | null = null;
let id = 0;
let chunkMs = 40;

const post = (msg: NetworkReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(msg, transfer);

function progress(r: NetworkRun, rows: ReturnType<NetworkRun['advance']>): void {
  post({ type: 'progress', id, rows, k: r.k, status: r.status, divergedAt: r.divergedAt, ms: r.ms });
}

function density(r: NetworkRun): void {
  const d = r.density();
  if (d) post({ type: 'density', id, ...d }, [d.grid.buffer as ArrayBuffer, d.density.buffer as ArrayBuffer]);
}

// A zero-delay yield: a message to ourselves runs after the messages already queued (setTimeout would clamp to 4 ms).
const channel = new MessageChannel();
let scheduled = false;
channel.port1.onmessage = () => {
  scheduled = false;
  const r = run;
  if (!r || r.status !== 'running') return;
  try {
    const rows = r.advance(chunkMs);
    progress(r, rows);
    if (r.densityDue() || r.status !== 'running') density(r);
    if (r.status === 'running') schedule();
  } catch (err) {
    run = null;
    post({ type: 'error', id, message: err instanceof Error ? err.message : String(err) });
  }
};
function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  channel.port2.postMessage(null);
}

self.onmessage = (e: MessageEvent<NetworkRequest>) => {
  const msg = e.data;
  if (msg.type === 'start') {
    id = msg.id;
    chunkMs = msg.chunkMs;
    try {
      run = networkRun(msg);
      post({ type: 'ready', id, dim: run.problem.dim, label: run.problem.label });
      // The first row (step 0, with its sharpness) at once, then the steps.
      progress(run, run.advance(0));
      schedule();
    } catch (err) {
      run = null;
      post({ type: 'error', id, message: err instanceof Error ? err.message : String(err) });
    }
    return;
  }
  if (msg.id !== id || !run) return;
  if (msg.type === 'stop') {
    if (run.status !== 'running') return;
    run.stop();
    progress(run, []);
    density(run);
  } else if (msg.type === 'density') {
    density(run);
  }
};
