// A worker for one typed vector field: parses the expressions (the library's mathjs parser, no eval) and computes the
// limit-cycle panel's data. It runs one job and may be terminated by the page at any time (field-runner.ts stops it
// after a time budget), so a field such as x^x^x^...^x cannot freeze the page.
import { expressionField } from '../lib.js';
import { cyclesData, type CyclesData } from './cycles.js';

export interface FieldJob {
  id: number;
  fx: string;
  fy: string;
  step: number;
}

export type FieldReply = { id: number; started: true } | { id: number; ok: true; data: CyclesData } | { id: number; ok: false; error: string };

// Load the expression parser (mathjs, imported on first use) before any job, so that loading is not counted in a
// job's time budget: the page starts the clock at the job's `started` message.
const ready = expressionField(['0', '0'], ['x', 'y']).then(() => undefined, () => undefined);

self.onmessage = async (e: MessageEvent<FieldJob>) => {
  const { id, fx, fy, step } = e.data;
  await ready;
  (self as unknown as Worker).postMessage({ id, started: true } satisfies FieldReply);
  let reply: FieldReply;
  try {
    const f = await expressionField([fx, fy], ['x', 'y'], {}, 'field');
    reply = { id, ok: true, data: cyclesData(f, step) };
  } catch (err) {
    reply = { id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  (self as unknown as Worker).postMessage(reply);
};
