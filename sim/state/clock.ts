// A hookable clock: real time by default, frozen or shifted by tests so
// datetimes in replies are deterministic.
export class Clock {
  private frozenAt: number | null = null;
  private offsetMs = 0;

  now(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  /** Freeze the clock at `ms` (epoch milliseconds). */
  set(ms: number): void {
    this.frozenAt = ms;
  }

  /** Move time forward (frozen or not). */
  advance(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
  }

  freeze(): void {
    this.frozenAt = this.now();
  }

  /** Back to plain real time (no freeze, no shift). */
  reset(): void {
    this.frozenAt = null;
    this.offsetMs = 0;
  }

  unfreeze(): void {
    if (this.frozenAt !== null) this.offsetMs = this.frozenAt - Date.now();
    this.frozenAt = null;
  }
}
