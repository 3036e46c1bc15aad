// The contract of a section of the explorer: its state fields (validated URL keys) and how it mounts.
import type { Shape } from '../state/fields.js';
import type { Store } from '../state/store.js';

export interface Section {
  /** URL prefix and DOM id, e.g. 's2'. */
  id: string;
  title: string;
  /** One sentence under the section title. */
  summary: string;
  shape: Shape;
  /** Build the panels into `el`; resolves when the first render is done. */
  mount(el: HTMLElement, store: Store): Promise<void> | void;
}
