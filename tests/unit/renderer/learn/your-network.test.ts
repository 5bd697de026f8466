// @vitest-environment happy-dom
import 'vitest-canvas-mock';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import type { PreparedRowsValue } from '../../../../core/engine/protocol';
import { forwardTrace } from '../../../../core/learn/backprop';
import BackpropLab from '../../../../renderer/src/components/learn/BackpropLab.vue';
import { fmt } from '../../../../renderer/src/components/learn/math';
import { createStudioI18n } from '../../../../renderer/src/i18n';
import { useNetworkStore } from '../../../../renderer/src/stores/network';
import { useSessionStore } from '../../../../renderer/src/stores/session';
import { connectWithIris } from '../network/engine-session';

describe('the backprop inspector on the user\'s network', () => {
  it('runs a row of the training split as the network sees it, and the loss follows the engine\'s weights', async () => {
    const pinia = createPinia();
    setActivePinia(pinia);
    await connectWithIris();
    const network = useNetworkStore();
    await network.sync();
    await network.flush();
    for (let i = 0; i < 100 && !network.weights; i++) await new Promise((r) => setTimeout(r, 20));
    const session = useSessionStore();
    const w = mount(BackpropLab, { global: { plugins: [pinia, createStudioI18n('en')] } });
    await w.find('input[value="yours"]').setValue(true);
    for (let i = 0; i < 50 && !w.text().includes('Data row'); i++) { await flushPromises(); await new Promise((r) => setTimeout(r, 10)); }
    const row = await session.call<PreparedRowsValue>({ type: 'get-prepared-rows', split: 'train', offset: 0, limit: 1 });
    expect(w.text()).toContain(`Data row ${row.dataRows[0]} of the file (the training split has 105 rows).`);
    const weights = network.weights!.layers.map((l) => ({ w: [...l.w], b: l.b ? [...l.b] : null }));
    const trace = forwardTrace(network.spec, weights, row.rows[0]!, row.targets[0]!);
    expect(w.find('[data-testid="bp-loss"]').text()).toBe(`L = ${fmt(trace.loss)}`);
  });
});
