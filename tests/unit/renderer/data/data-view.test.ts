// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { BLOCK_ROWS, RowBlockCache } from '../../../../renderer/src/components/data/row-cache';
import { linkSplit } from '../../../../renderer/src/components/data/split';
import { DATASET_EXAMPLES } from '../../../../renderer/src/components/data/examples';
import { formatBytes, delimiterKey } from '../../../../renderer/src/components/data/format';
import { createStudioI18n } from '../../../../renderer/src/i18n';
import { useSessionStore } from '../../../../renderer/src/stores/session';
import DataView from '../../../../renderer/src/views/DataView.vue';
import { createTestHost, irisChoice, type TestHost } from '../test-host';

let pinia: Pinia;
let host: TestHost;
const plugins = () => ({ global: { plugins: [pinia, createStudioI18n('en')] } });

beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
  localStorage.clear();
  host = createTestHost();
});

describe('DataView against a real engine', () => {
  it('empty: a drop target with Open CSV… and the examples; an example loads the full view', async () => {
    const session = useSessionStore();
    await session.connect(host);
    const wrapper = mount(DataView, { ...plugins(), attachTo: document.body });
    expect(wrapper.get('section[aria-label="Load a dataset"]').text()).toContain('Drop a CSV file anywhere on this window');
    expect(wrapper.findAll('button').map((b) => b.text())).toContain('Open CSV…');
    await wrapper.get('button[aria-label="Load example Iris flowers"]').trigger('click');
    await flushPromises();
    await new Promise((r) => setTimeout(r, 20));
    await flushPromises();
    expect(session.dataset?.name).toBe('iris.csv');
    expect(wrapper.find('section[aria-label="Import report"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="network-widths"]').text()).toBe('4 inputs → 3 outputs');
    expect(wrapper.findAll('[data-testid="column-card"]')).toHaveLength(5);
    expect(wrapper.find('[role="grid"][aria-label="Rows of iris.csv"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('changing the task to regression shows the engine\'s error in an alert', async () => {
    const session = useSessionStore();
    await session.connect(host);
    await session.loadDataset(irisChoice());
    const wrapper = mount(DataView, plugins());
    const regression = wrapper.get('[role="radiogroup"][aria-label="Task"]').findAll('input').find((i) => (i.element as HTMLInputElement).value === 'regression')!;
    await regression.trigger('change');
    await flushPromises();
    await new Promise((r) => setTimeout(r, 20));
    const alert = wrapper.get('section[aria-label="Network shape"] [role="alert"]');
    expect(alert.text()).toContain(session.configError!);
  });

  it('an import error is shown with the engine\'s message, above the previous dataset', async () => {
    const session = useSessionStore();
    await session.connect(host);
    await session.loadDataset(irisChoice());
    session.importError = 'The file "x.csv" is empty.';
    const wrapper = mount(DataView, plugins());
    expect(wrapper.get('.import-error[role="alert"]').text()).toContain('The file "x.csv" is empty.');
    expect(wrapper.find('section[aria-label="Import report"]').exists()).toBe(true);
  });
});

describe('data view helpers', () => {
  it.each([
    [{ train: 70, validation: 15, test: 15 }, 'train', 80, { train: 80, validation: 15, test: 5 }],
    [{ train: 70, validation: 15, test: 15 }, 'train', 95, { train: 95, validation: 5, test: 0 }],
    [{ train: 70, validation: 15, test: 15 }, 'validation', 5, { train: 70, validation: 5, test: 25 }],
    [{ train: 70, validation: 15, test: 15 }, 'test', 40, { train: 60, validation: 0, test: 40 }],
    [{ train: 70, validation: 15, test: 15 }, 'train', 0, { train: 1, validation: 15, test: 84 }],
  ] as const)('linkSplit(%o, %s → %i) keeps the sum at 100', (current, part, value, expected) => {
    expect(linkSplit(current, part, value)).toEqual(expected);
  });

  it('the row cache keeps the most recently used blocks only', () => {
    const cache = new RowBlockCache(2);
    expect(cache.missing(0, BLOCK_ROWS * 2)).toEqual([0, 1, 2]);
    for (const b of [0, 1]) { cache.start(b); cache.finish(b, [[b]]); }
    expect(cache.row(0)).toEqual([0]);
    cache.start(2);
    expect(cache.missing(0, BLOCK_ROWS * 2)).toEqual([]);
    cache.finish(2, [[2]]);
    expect(cache.size).toBe(2);
    expect(cache.row(BLOCK_ROWS)).toBeUndefined();
    expect(cache.row(0)).toEqual([0]);
  });

  it('formats sizes and delimiters', () => {
    expect(formatBytes(532, 'en')).toBe('532 B');
    expect(formatBytes(12.4 * 1024, 'en')).toBe('12 KB');
    expect(formatBytes(3.14 * 1024 * 1024, 'en')).toBe('3.1 MB');
    expect(delimiterKey('\t')).toBe('tab');
  });

  it('offers the shipped examples and the synthetic Playground sets as text datasets', () => {
    expect(DATASET_EXAMPLES.map((e) => e.id)).toEqual(['iris', 'penguins', 'circle', 'xor', 'gaussians', 'spiral', 'plane', 'multi-gaussian']);
    const spiral = DATASET_EXAMPLES.find((e) => e.id === 'spiral')!.choice();
    expect(spiral.name).toBe('spiral.csv');
    expect(spiral.source.kind === 'text' && spiral.source.text.startsWith('x1,x2,label\n')).toBe(true);
    expect(DATASET_EXAMPLES[0]!.rows).toBe(150);
    expect(irisChoice().source).toEqual(DATASET_EXAMPLES[0]!.choice().source);
  });
});
