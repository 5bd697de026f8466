/**
 * The data settings a freshly imported table starts with: the last usable
 * column as target, the other usable ones as inputs (`defaultRoles`), the
 * task its target suggests, and a 70/15/15 split with seed 1. The user
 * changes any of it in the data view.
 */
import { defaultRoles, defaultTask } from '../roles';
import type { DataTable } from '../table';
import type { PrepConfig } from './config';

/** The split a new dataset starts with. */
export const DEFAULT_SPLIT = { train: 0.7, validation: 0.15, test: 0.15, seed: 1 } as const;

export function suggestPrepConfig(table: DataTable): PrepConfig {
  const roles = defaultRoles(table);
  return {
    roles: Object.fromEntries(table.columns.map((c) => [c.name, roles[c.index] ?? 'ignore'])),
    task: defaultTask(table, roles) ?? 'regression',
    split: { ...DEFAULT_SPLIT },
  };
}
