/**
 * Pauses and resumes a running `fit` between batches. The UI (or engine)
 * calls `pause()` / `resume()`; `fit` awaits `whenResumed()` before each batch.
 */
export class PauseGate {
  private waiting: (() => void)[] = [];
  private paused = false;

  get isPaused(): boolean { return this.paused; }

  pause(): void { this.paused = true; }

  resume(): void {
    this.paused = false;
    const w = this.waiting;
    this.waiting = [];
    for (const f of w) f();
  }

  /** Resolves at once when running, or when `resume()` is called. */
  whenResumed(): Promise<void> {
    return this.paused ? new Promise((r) => this.waiting.push(r)) : Promise.resolve();
  }
}
