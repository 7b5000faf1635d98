/**
 * State that listeners follow: how both in-page controllers (the order control, the deal
 * panel) hold what they show. A few lines instead of a signals library, because every byte
 * here is in a content script that each order and deal page loads.
 */
export class Store<T extends object> {
  private readonly listeners = new Set<(state: T) => void>();

  constructor(private state: T) {}

  get(): T {
    return this.state;
  }

  subscribe(listener: (state: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replaces the given fields and tells every listener. */
  set(patch: Partial<T>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}
