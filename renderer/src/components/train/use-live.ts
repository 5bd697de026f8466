/**
 * Refreshing what the engine computes while a run goes on: `usePoll` runs a
 * request at most every `intervalMs` while `active()` is true (never two at
 * once), and once more when it becomes false, so the view shows the end state.
 */
import { onBeforeUnmount, watch } from 'vue';

/** Live refreshes per second (weights, decision map). */
export const LIVE_REFRESH_MS = 250;

export function usePoll(run: () => Promise<void>, active: () => boolean, intervalMs = LIVE_REFRESH_MS): { now: () => Promise<void> } {
  let busy: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setInterval> | null = null;

  async function now(): Promise<void> {
    if (busy) { again = true; return busy; }
    busy = (async () => {
      do {
        again = false;
        try { await run(); } catch { /* the next tick tries again; errors show where the request's owner puts them */ }
      } while (again);
    })();
    try { await busy; } finally { busy = null; }
  }

  function tick(): void {
    // While one request is out, skip this beat rather than queue behind it.
    if (!busy) void now();
  }

  const stop = watch(active, (on, was) => {
    if (on && !timer) timer = setInterval(tick, intervalMs);
    else if (!on && timer) { clearInterval(timer); timer = null; }
    if (!on && was) void now();
  }, { immediate: true });

  onBeforeUnmount(() => { stop(); if (timer) clearInterval(timer); timer = null; });
  return { now };
}
