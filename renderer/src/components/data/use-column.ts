/**
 * One column as the data view shows it: its summary from the import, the
 * role and type the current data settings give it, and the actions that
 * change them (through the session store).
 */
import { computed, toValue, type MaybeRefOrGetter } from 'vue';
import type { ColumnKindOverride, NumericScaling } from '../../../../core/data/prep/config';
import type { ColumnKind, ColumnRole } from '../../../../core/data/table';
import { useAppStore } from '../../stores/app';
import { useSessionStore } from '../../stores/session';

/** Kinds encoded as numbers unless overridden. */
const NUMERIC_KINDS: readonly ColumnKind[] = ['numeric', 'integer', 'boolean'];

export function useColumn(name: MaybeRefOrGetter<string>) {
  const session = useSessionStore();
  const app = useAppStore();
  const summary = computed(() => session.columns.find((c) => c.name === toValue(name)) ?? null);
  const role = computed<ColumnRole>(() => session.prep?.roles[toValue(name)] ?? 'ignore');
  const override = computed<ColumnKindOverride | null>(() => session.prep?.kinds?.[toValue(name)] ?? null);
  /** Whether the network reads it as a number (scaled) rather than categories (one-hot). */
  const readsAsNumber = computed(() => {
    if (override.value) return override.value === 'numeric';
    const c = summary.value;
    return c !== null && (NUMERIC_KINDS.includes(c.kind) || (c.kind === 'constant' && c.stats.numeric !== undefined));
  });
  const scaling = computed<NumericScaling | null>(() => session.prep?.scaling?.[toValue(name)] ?? null);
  const selected = computed(() => app.selection?.kind === 'column' && app.selection.name === toValue(name));
  const fail = (error: unknown): void => app.fail(error);
  return {
    summary, role, override, readsAsNumber, scaling, selected,
    setRole: (r: ColumnRole) => session.setRole(toValue(name), r).catch(fail),
    setKind: (k: ColumnKindOverride | null) => session.setKind(toValue(name), k).catch(fail),
    setScaling: (s: NumericScaling | null) => session.setScaling(toValue(name), s).catch(fail),
    select: () => app.select({ kind: 'column', name: toValue(name) }),
  };
}
