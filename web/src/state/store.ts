// The app's single state object; sections subscribe to their slice; every change is mirrored into the URL.
import { decode, encode, type AppState, type Registry } from './url.js';

type Listener = (slice: Record<string, unknown>, changed: string[]) => void;

export class Store {
  state: AppState;
  readonly problems: string[];
  private readonly listeners = new Map<string, Set<Listener>>();
  private urlTimer = 0;
  /** The current history entry was pushed for changes not yet committed (later changes replace it, commit closes it). */
  private open = false;
  /** Inside restore(): listeners' own corrections replace the restored entry instead of pushing one. */
  private restoring = false;

  /** True while restore() notifies listeners (controls then show the value even in a focused box). */
  get isRestoring(): boolean {
    return this.restoring;
  }

  constructor(readonly registry: Registry, search: string) {
    const decoded = decode(search, registry);
    this.state = decoded.state;
    this.problems = decoded.problems;
  }

  get<T extends Record<string, unknown>>(sec: string): T {
    return this.state[sec] as T;
  }

  set(sec: string, patch: Record<string, unknown>): void {
    const slice = this.state[sec];
    const changed = Object.keys(patch).filter((k) => slice[k] !== patch[k]);
    if (!changed.length) return;
    Object.assign(slice, patch);
    for (const fn of this.listeners.get(sec) ?? []) fn(slice, changed);
    this.scheduleUrl();
  }

  subscribe(sec: string, fn: Listener): void {
    if (!this.listeners.has(sec)) this.listeners.set(sec, new Set());
    this.listeners.get(sec)!.add(fn);
  }

  /** The query string for the current state. */
  query(): string {
    return encode(this.state, this.registry);
  }

  private scheduleUrl(): void {
    clearTimeout(this.urlTimer);
    if (this.restoring) return;
    this.urlTimer = window.setTimeout(() => this.writeEntry(), 150);
  }

  /** Mirror uncommitted changes: the first pushes an entry (Back returns to the state before them), later ones replace it. */
  private writeEntry(): void {
    clearTimeout(this.urlTimer);
    const url = this.url();
    if (url === `${location.pathname}${location.search}${location.hash}`) return;
    if (this.open) history.replaceState(null, '', url);
    else { history.pushState(null, '', url); this.open = true; }
  }

  private url(): string {
    const q = this.query();
    return `${location.pathname}${q ? `?${q}` : ''}${location.hash}`;
  }

  /**
   * End of a gesture (a drag released, a slider let go, a link followed): the current state becomes its own history
   * entry, so Back returns to the state before the gesture. No entry when the state equals the current entry's.
   */
  commit(): void {
    this.writeEntry();
    this.open = false;
  }

  /**
   * Replace the whole state by the one a query string decodes to (Back/Forward: popstate); each section's listeners
   * hear the keys that changed. Returns the decoding's problems (none for URLs this page wrote).
   */
  restore(search: string): string[] {
    const decoded = decode(search, this.registry);
    clearTimeout(this.urlTimer);
    this.open = false;
    this.restoring = true;
    try {
      for (const [sec, next] of Object.entries(decoded.state)) {
        const slice = this.state[sec];
        const changed = Object.keys(next).filter((k) => !sameValue(slice[k], next[k]));
        if (!changed.length) continue;
        Object.assign(slice, next);
        for (const fn of this.listeners.get(sec) ?? []) fn(slice, changed);
      }
    } finally {
      this.restoring = false;
    }
    return decoded.problems;
  }

  /** Mirror the state into the current history entry now (no new entry). */
  writeUrl(): void {
    clearTimeout(this.urlTimer);
    history.replaceState(null, '', this.url());
  }
}

/** Equal state values: numbers and strings by value, lists (subsets) element by element. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}
