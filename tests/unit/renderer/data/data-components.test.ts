// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ColumnSummary, ImportReportValue, LoadDatasetValue, RowsPage } from '../../../../core/engine/protocol';
import ColumnInspector from '../../../../renderer/src/components/data/ColumnInspector.vue';
import DataConfigResult from '../../../../renderer/src/components/data/DataConfigResult.vue';
import DataColumnCard from '../../../../renderer/src/components/data/DataColumnCard.vue';
import DataImportProgress from '../../../../renderer/src/components/data/DataImportProgress.vue';
import DataImportReport from '../../../../renderer/src/components/data/DataImportReport.vue';
import DataPreviewTable from '../../../../renderer/src/components/data/DataPreviewTable.vue';
import { createStudioI18n } from '../../../../renderer/src/i18n';
import { useAppStore } from '../../../../renderer/src/stores/app';
import { useSessionStore } from '../../../../renderer/src/stores/session';

let pinia: Pinia;
const plugins = () => ({ global: { plugins: [pinia, createStudioI18n('en')] } });

const numeric = (name: string, index: number): ColumnSummary => ({
  name, index, kind: 'numeric',
  stats: { count: 10, missing: 2, invalid: 0, distinct: 9, distinctCapped: false, numeric: { min: 1, max: 9.5, mean: 4.25, std: 2, histogram: Array.from({ length: 20 }, (_, i) => i % 5) } },
});
const categorical = (name: string, index: number): ColumnSummary => ({
  name, index, kind: 'categorical',
  stats: { count: 12, missing: 0, invalid: 0, distinct: 2, distinctCapped: false, top: [{ value: 'yes', count: 8 }, { value: 'no', count: 4 }] },
});
const report: ImportReportValue = {
  encoding: 'utf-8', encodingConfidence: 0.99, delimiter: ';', decimalComma: true, hasHeader: true, generatedHeader: false,
  rowsRead: 1234,
  rowsSkipped: [{ reason: 'ragged-row', count: 3, lines: [7, 19, 40] }, { reason: 'blank-line', count: 1, lines: [12] }],
  warnings: ['Column "b" of "x.csv" has 2 values that are not numbers (row 4: "n.a.").'],
};

function seedSession(): ReturnType<typeof useSessionStore> {
  const session = useSessionStore();
  const dataset: LoadDatasetValue = {
    name: 'x.csv', rows: 12, columns: [numeric('age', 0), categorical('smoker', 1)], report,
    suggested: { roles: { age: 'input', smoker: 'target' }, task: 'classification', split: { train: 0.7, validation: 0.15, test: 0.15, seed: 1 } },
  };
  session.dataset = dataset;
  session.prep = dataset.suggested;
  return session;
}

beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
  localStorage.clear();
});

describe('DataPreviewTable', () => {
  const columns = [numeric('a', 0), categorical('b', 1)];
  const fakeRows = vi.fn((offset: number, limit: number): Promise<RowsPage> => Promise.resolve({
    offset, totalRows: 1_000_000, columns: ['a', 'b'],
    rows: Array.from({ length: limit }, (_, i) => [offset + i, i % 2 ? 'yes' : null]),
  }));

  it('fetches and renders only the visible rows of a million-row table, and fetches again after a scroll', async () => {
    fakeRows.mockClear();
    const wrapper = mount(DataPreviewTable, {
      ...plugins(),
      props: { name: 'big.csv', totalRows: 1_000_000, columns, roles: { a: 'input', b: 'target' }, kinds: {}, selected: null, fetchRows: fakeRows, height: 320 },
      attachTo: document.body,
    });
    await flushPromises();
    expect(fakeRows).toHaveBeenCalledTimes(1);
    expect(fakeRows).toHaveBeenCalledWith(0, 200);
    const grid = wrapper.get('[role="grid"]');
    expect(grid.attributes('aria-rowcount')).toBe('1000001');
    const bodyRows = wrapper.findAll('.body [role="row"]');
    expect(bodyRows.length).toBeGreaterThan(5);
    expect(bodyRows.length).toBeLessThan(60);
    expect(bodyRows[0]!.text()).toContain('missing');

    const viewport = grid.element as HTMLElement;
    viewport.scrollTop = 4_000_000;
    await grid.trigger('scroll');
    await new Promise((r) => setTimeout(r, 50));
    await flushPromises();
    const offsets = fakeRows.mock.calls.map(([offset]) => offset);
    expect(offsets.length).toBeGreaterThan(1);
    expect(offsets.length).toBeLessThanOrEqual(4);
    for (const [, limit] of fakeRows.mock.calls) expect(limit).toBeLessThanOrEqual(200);
    const far = offsets.at(-1)!;
    expect(far).toBeGreaterThan(400_000);
    expect(far).toBeLessThan(600_000);
    const shown = wrapper.findAll('.body [role="row"]');
    expect(shown.length).toBeLessThan(60);
    expect(Number(shown[0]!.attributes('aria-rowindex'))).toBeGreaterThan(400_000);
    wrapper.unmount();
  });

  it('headers carry the role and the type; clicking one selects the column', async () => {
    const wrapper = mount(DataPreviewTable, {
      ...plugins(),
      props: { name: 'x.csv', totalRows: 3, columns, roles: { a: 'input', b: 'target' }, kinds: { a: 'categorical' }, selected: null, fetchRows: fakeRows },
    });
    const headers = wrapper.findAll('[role="columnheader"]');
    expect(headers.map((h) => h.text())).toEqual(['Row', 'aInputcategory', 'bTargetcategory']);
    await headers[2]!.get('button').trigger('click');
    expect(wrapper.emitted('select')).toEqual([['b']]);
  });
});

describe('DataImportReport', () => {
  it('shows encoding, a readable delimiter, and skipped rows per reason with their first lines, and warnings', () => {
    const wrapper = mount(DataImportReport, { ...plugins(), props: { report } });
    const text = wrapper.text();
    expect(wrapper.get('section').attributes('aria-label')).toBe('Import report');
    expect(text).toContain('utf-8');
    expect(text).toContain('99%');
    expect(text).toContain('semicolon (;)');
    expect(text).toContain('1,234');
    const skipped = wrapper.findAll('.skipped li').map((li) => li.text());
    expect(skipped).toEqual(['3 × wrong number of fields (first lines: 7, 19, 40)', '1 × blank line (first lines: 12)']);
    expect(text).toContain('has 2 values that are not numbers');
  });
});

describe('DataImportProgress', () => {
  it('shows bytes of total, rows, a progressbar with aria-valuenow, and Cancel import', async () => {
    const wrapper = mount(DataImportProgress, { ...plugins(), props: { progress: { name: 'big.csv', bytesRead: 512 * 1024, totalBytes: 2 * 1024 * 1024, rows: 4000 } } });
    const bar = wrapper.get('[role="progressbar"]');
    expect(bar.attributes('aria-valuenow')).toBe('25');
    expect(wrapper.text()).toContain('512 KB of 2.0 MB');
    expect(wrapper.text()).toContain('4,000 rows');
    await wrapper.get('button').trigger('click');
    expect(wrapper.emitted('cancel')).toHaveLength(1);
  });
});

describe('DataColumnCard', () => {
  it('the role control calls setRole, the type select calls setKind, a click selects the column', async () => {
    const session = seedSession();
    const setRole = vi.spyOn(session, 'setRole').mockResolvedValue();
    const setKind = vi.spyOn(session, 'setKind').mockResolvedValue();
    const wrapper = mount(DataColumnCard, { ...plugins(), props: { name: 'age' } });
    const group = wrapper.get('[role="radiogroup"]');
    expect(group.attributes('aria-label')).toBe('Role of age');
    const target = group.findAll('label').find((l) => l.text() === 'Target')!;
    await target.get('input').trigger('change');
    expect(setRole).toHaveBeenCalledWith('age', 'target');
    const select = wrapper.get('select[aria-label="Type of age"]');
    await select.setValue('categorical');
    expect(setKind).toHaveBeenCalledWith('age', 'categorical');
    expect(wrapper.find('svg[role="img"]').attributes('aria-label')).toBe('Histogram of age, from 1 to 9.5');
    await wrapper.trigger('click');
    expect(useAppStore().selection).toEqual({ kind: 'column', name: 'age' });
  });

  it('a categorical column shows its top categories; an ignored one is dimmed', () => {
    const session = seedSession();
    session.prep = { ...session.prep!, roles: { age: 'input', smoker: 'ignore' } };
    const wrapper = mount(DataColumnCard, { ...plugins(), props: { name: 'smoker' } });
    expect(wrapper.classes()).toContain('ignore');
    expect(wrapper.get('ul[aria-label="Most frequent values of smoker"]').text()).toContain('yes');
  });
});

describe('ColumnInspector', () => {
  it('shows every statistic, the histogram range and the role, type and scaling controls', async () => {
    const session = seedSession();
    const setScaling = vi.spyOn(session, 'setScaling').mockResolvedValue();
    const wrapper = mount(ColumnInspector, { ...plugins(), props: { name: 'age' } });
    const text = wrapper.text();
    for (const label of ['Values', 'Missing', 'Min', 'Max', 'Mean', 'Std. dev.', 'Distinct']) expect(text).toContain(label);
    expect(wrapper.get('.axis').text()).toBe('19.5');
    expect(wrapper.find('[aria-label="Role of age"]').exists()).toBe(true);
    await wrapper.get('select[aria-label="Scaling of age"]').setValue('minmax');
    expect(setScaling).toHaveBeenCalledWith('age', 'minmax');
  });

  it('names a column that is not in the dataset', () => {
    seedSession();
    const wrapper = mount(ColumnInspector, { ...plugins(), props: { name: 'zip' } });
    expect(wrapper.text()).toBe('Column “zip” is not in the current dataset.');
  });
});

describe('DataConfigResult', () => {
  it('shows the widths with singular and plural, the rows per split and the classes', () => {
    const configured = {
      inputs: 1, outputs: 1, inputNames: ['x'], outputNames: ['y=b'], rows: { train: 70, validation: 15, test: 15 },
      labels: ['a', 'b'], warnings: ['Dropped 2 rows.'], modelKept: false,
    };
    const wrapper = mount(DataConfigResult, { ...plugins(), props: { configured, error: null } });
    expect(wrapper.get('[data-testid="network-widths"]').text()).toBe('1 input → 1 output');
    expect(wrapper.text()).toContain('Train 70 · Validation 15 · Test 15');
    expect(wrapper.text()).toContain('Dropped 2 rows.');
  });

  it('shows the engine\'s error in an alert instead', () => {
    const wrapper = mount(DataConfigResult, { ...plugins(), props: { configured: null, error: 'No target column.' } });
    expect(wrapper.get('[role="alert"]').text()).toBe('These settings cannot be usedNo target column.');
  });
});
