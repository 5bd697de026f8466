/** The split sliders' linking rule, in whole percent. */

export type SplitPart = 'train' | 'validation' | 'test';

/**
 * Sets one part and keeps the sum at 100: moving train or validation takes
 * from (or gives to) test first, then the other; moving test takes from
 * validation first, then train. Train stays at least 1.
 */
export function linkSplit(current: Readonly<Record<SplitPart, number>>, part: SplitPart, value: number): Record<SplitPart, number> {
  const v = Math.round(Math.min(100, Math.max(part === 'train' ? 1 : 0, Number.isFinite(value) ? value : 0)));
  const next = { ...current, [part]: v };
  const order: SplitPart[] = part === 'train' ? ['test', 'validation'] : part === 'validation' ? ['test', 'train'] : ['validation', 'train'];
  let excess = next.train + next.validation + next.test - 100;
  for (const other of order) {
    if (excess === 0) break;
    const floor = other === 'train' ? 1 : 0;
    const take = excess > 0 ? Math.min(excess, next[other] - floor) : excess;
    next[other] -= take;
    excess -= take;
  }
  if (excess !== 0) next[part] -= excess;
  return next;
}
