/**
 * Pauses and resumes a running `fit` between batches. The UI (or engine)
 * calls `pause()` / `resume()`; while paused, `step()` lets exactly one more
 * batch through. Before each batch `fit` asks `tryPass()` and, when refused,
 * awaits `whenResumed()`.
 */
export class PauseGate {
  private waiting: (() => void)[] = [];
  private paused = false;
  /** Batches `step()` allowed through while paused. */
  private steps = 0;

  get isPaused(): boolean { return this.paused; }

  pause(): void { this.paused = true; }

  resume(): void {
    this.paused = false;
    this.steps = 0;
    this.wake();
  }

  /** While paused: one more batch may run (the run stays paused after it). */
  step(): void {
    if (!this.paused) return;
    this.steps++;
    this.wake();
  }

  /** Whether the next batch may run now; a pending step is used up by it. */
  tryPass(): boolean {
    if (!this.paused) return true;
    if (this.steps === 0) return false;
    this.steps--;
    return true;
  }

  /** Resolves at once when running or a step is pending, else when `resume()` or `step()` is called. */
  whenResumed(): Promise<void> {
    return !this.paused || this.steps > 0 ? Promise.resolve() : new Promise((r) => this.waiting.push(r));
  }

  private wake(): void {
    const w = this.waiting;
    this.waiting = [];
    for (const f of w) f();
  }
}
