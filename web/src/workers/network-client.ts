// The page's side of section 10's training worker: one dedicated module worker (not the shared pool, whose jobs run to
// completion), started on first use. `start` supersedes the run in progress (its later messages are dropped by id).
import type { NetworkReply, NetworkStart } from './network-protocol.js';

export type NetworkHandler = (msg: NetworkReply) => void;

export class NetworkClient {
  private worker: Worker | null = null;
  private id = 0;
  private handler: NetworkHandler = () => undefined;

  /** The id of the current run (0 before the first). */
  get current(): number {
    return this.id;
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./network.worker.ts', import.meta.url), { type: 'module', name: 'network' });
    w.onmessage = (e: MessageEvent<NetworkReply>) => { if (e.data.id === this.id) this.handler(e.data); };
    w.onerror = (e) => {
      e.preventDefault();
      this.worker?.terminate();
      this.worker = null;
      this.handler({ type: 'error', id: this.id, message: e.message || 'the training worker failed' });
    };
    this.worker = w;
    return w;
  }

  /** Start a run (replacing the one in progress); every later message of this run goes to `handler`. */
  start(job: Omit<NetworkStart, 'type' | 'id'>, handler: NetworkHandler): number {
    this.id++;
    this.handler = handler;
    this.ensure().postMessage({ type: 'start', id: this.id, ...job } satisfies NetworkStart);
    return this.id;
  }

  stop(): void {
    this.worker?.postMessage({ type: 'stop', id: this.id });
  }

  /** Ask for the spectral density at the current weights of the current run. */
  density(): void {
    this.worker?.postMessage({ type: 'density', id: this.id });
  }

  /** Drop the current run's later messages (e.g. when the settings changed while stopped). */
  forget(): void {
    this.stop();
    this.id++;
  }
}
