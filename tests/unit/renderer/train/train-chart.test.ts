// @vitest-environment happy-dom
import 'vitest-canvas-mock';
import { mount } from '@vue/test-utils';
import { Chart } from 'chart.js';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import type { EpochLog } from '../../../../core/train/config';
import TrainChart from '../../../../renderer/src/components/train/TrainChart.vue';
import { createStudioI18n } from '../../../../renderer/src/i18n';
import { useTrainingStore } from '../../../../renderer/src/stores/training';

const log = (epoch: number, loss: number, accuracy = 0.5): EpochLog => ({
  epoch, learningRate: 0.01, train: { loss, accuracy }, validation: { loss: loss * 1.1, accuracy }, durationMs: 1,
});
let pinia: ReturnType<typeof createPinia>;
beforeEach(() => { pinia = createPinia(); setActivePinia(pinia); });
afterEach(() => { vi.restoreAllMocks(); });

const instances = () => Object.values(Chart.instances);
/** The array a dataset's points come from (the decimation plugin keeps it as `_data` and shows a thinned copy). */
const source = (chart: Chart, i: number): unknown => {
  const d = chart.data.datasets[i] as unknown as { _data?: unknown; data: unknown };
  return d._data ?? d.data;
};

describe('TrainChart', () => {
  it('is created once and redraws with update("none") on each revision, appending points', async () => {
    const update = vi.spyOn(Chart.prototype, 'update');
    const training = useTrainingStore();
    const w = mount(TrainChart, { props: { kind: 'loss' }, global: { plugins: [pinia, createStudioI18n('en')] } });
    expect(instances()).toHaveLength(1);
    const chart = instances()[0]!;
    expect(w.find('canvas').attributes('aria-label')).toBe('Loss chart');
    expect(chart.options.parsing).toBe(false);
    expect(chart.options.animation).toBe(false);
    expect(chart.options.plugins?.decimation).toMatchObject({ enabled: true, algorithm: 'lttb' });
    const labels = chart.data.datasets.map((d) => d.label);
    expect(labels).toEqual(['Training loss', 'Validation loss', 'Batch loss (smoothed)', 'Previous run']);
    const trainPoints = source(chart, 0);

    training.history.push(log(1, 1), log(2, 0.5));
    training.batches.x.push(0.5, 1);
    training.batches.y.push(1.2, 0.9);
    training.revision++;
    await nextTick();
    expect(update).toHaveBeenLastCalledWith('none');
    expect(source(chart, 0)).toBe(trainPoints);
    expect(trainPoints).toEqual([{ x: 1, y: 1 }, { x: 2, y: 0.5 }]);
    expect(source(chart, 2)).toHaveLength(2);

    training.history.push(log(3, 0.25));
    training.revision++;
    await nextTick();
    expect(update).toHaveBeenCalledTimes(2);
    expect(trainPoints).toHaveLength(3);
    expect(instances()).toHaveLength(1);
    expect(instances()[0]).toBe(chart);
    expect(source(chart, 0)).toBe(trainPoints);

    // A new run: the old one becomes the faint "Previous run", in the same arrays.
    training.previous = training.history;
    training.history = [log(1, 2)];
    training.revision++;
    await nextTick();
    expect(trainPoints).toEqual([{ x: 1, y: 2 }]);
    expect(source(chart, 3)).toHaveLength(3);
    w.unmount();
    expect(instances()).toHaveLength(0);
  });

  it('the log-scale prop switches the y axis without a new chart; the metric chart follows the chosen metric', async () => {
    const training = useTrainingStore();
    training.history.push(log(1, 1, 0.8));
    const w = mount(TrainChart, { props: { kind: 'loss', logScale: false }, global: { plugins: [pinia, createStudioI18n('en')] } });
    const chart = instances()[0]!;
    await w.setProps({ logScale: true });
    expect((chart.options.scales?.['y'] as { type: string }).type).toBe('logarithmic');
    await w.setProps({ logScale: false });
    expect((chart.options.scales?.['y'] as { type: string }).type).toBe('linear');
    w.unmount();

    const m = mount(TrainChart, { props: { kind: 'metric', metric: 'accuracy' }, global: { plugins: [pinia, createStudioI18n('en')] } });
    const metricChart = instances()[0]!;
    expect(m.find('canvas').attributes('aria-label')).toBe('Metric chart');
    expect(source(metricChart, 0)).toEqual([{ x: 1, y: 0.8 }]);
    expect(metricChart.data.datasets.map((d) => d.label)).toEqual(['Training accuracy', 'Validation accuracy', 'Previous run']);
    m.unmount();
  });
});
