// @vitest-environment happy-dom
import 'vitest-canvas-mock';
import { mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { forwardTrace, parameterGradient } from '../../../../core/learn/backprop';
import { parseExpression } from '../../../../core/learn/expression';
import BackpropLab from '../../../../renderer/src/components/learn/BackpropLab.vue';
import DescentLab1d from '../../../../renderer/src/components/learn/DescentLab1d.vue';
import { ARTICLE_INPUT, ARTICLE_SPEC, ARTICLE_TARGET, articleWeights } from '../../../../renderer/src/components/learn/article-network';
import { fmt, latexToText } from '../../../../renderer/src/components/learn/math';
import { createStudioI18n } from '../../../../renderer/src/i18n';
import LearnView from '../../../../renderer/src/views/LearnView.vue';
import { useProjectStore } from '../../../../renderer/src/stores/project';

let pinia: ReturnType<typeof createPinia>;
beforeEach(() => { pinia = createPinia(); setActivePinia(pinia); });
const options = () => ({ global: { plugins: [pinia, createStudioI18n('en')] } });
const button = (w: VueWrapper, name: string) => {
  const b = w.findAll('button').find((x) => x.text() === name);
  if (!b) throw new Error(`no button ${name}`);
  return b;
};
const column = (w: VueWrapper, label: string, col: number) =>
  w.find(`table[aria-label="${label}"]`).findAll('tbody tr').map((r) => r.findAll('td')[col]!.text());

describe('the 1-D descent lab', () => {
  it('preset "x² from 1, unit steps" gives the article\'s table 1 → 0.5 → 0 and converges', async () => {
    const w = mount(DescentLab1d, options());
    await button(w, 'x² from 1, unit steps').trigger('click');
    await nextTick();
    expect(column(w, 'Steps', 1)).toEqual(['1', '0.5']);
    expect(column(w, 'Steps', 5)).toEqual(['0.5', '0']);
    expect(column(w, 'Steps', 3)).toEqual(['2', '1']);
    expect(w.find('[data-testid="stop-reason"]').text()).toContain('Converged after 2 steps');
  });

  it('Reset empties the table and Step replays it one row at a time', async () => {
    const w = mount(DescentLab1d, options());
    await button(w, 'x² from 1, raw gradient').trigger('click');
    await button(w, 'Reset').trigger('click');
    expect(column(w, 'Steps', 1)).toEqual([]);
    await button(w, 'Step').trigger('click');
    expect(column(w, 'Steps', 5)).toEqual(['0']);
  });

  it('detects the oscillation from 0.4 and shows enumerate-and-probe\'s path', async () => {
    const w = mount(DescentLab1d, options());
    await button(w, 'Oscillation from 0.4').trigger('click');
    expect(w.find('[data-testid="stop-reason"]').text()).toContain('Oscillating');
    await button(w, 'Enumerate and probe').trigger('click');
    expect(w.find('[data-testid="probe-path"]').text()).toContain('1 → 0.5 → 0');
  });

  it('shows a custom function\'s parse error with the exact message, and the derivative otherwise', async () => {
    const w = mount(DescentLab1d, options());
    await w.find('select').setValue('custom');
    const input = w.find('input[type="text"]');
    await input.setValue('x^2 +');
    let message = '';
    try { parseExpression('x^2 +', { variables: ['x'] }); } catch (e) { message = (e as Error).message; }
    expect(message).not.toBe('');
    expect(w.find('[data-testid="expression-error"]').text()).toContain(message);
    await input.setValue('x^3');
    expect(w.find('[data-testid="expression-error"]').exists()).toBe(false);
    expect(w.find('[data-testid="derivative"] [role="math"]').attributes('aria-label')).toBe('f′(x) = 3*x^2');
  });
});

describe('the backpropagation inspector', () => {
  const trace = forwardTrace(ARTICLE_SPEC, articleWeights(), ARTICLE_INPUT, ARTICLE_TARGET);

  it('selecting w7 shows its symbolic formula and parameterGradient\'s value, agreeing with the finite difference', async () => {
    const w = mount(BackpropLab, options());
    await w.find('[role="button"][aria-label="w7"]').trigger('click');
    const g = parameterGradient(trace, { layer: 1, kind: 'w', from: 0, to: 0 });
    const panel = w.find('[aria-label="Formula"]');
    expect(panel.find('[data-testid="bp-symbolic"]').attributes('aria-label')).toBe(`∂L/∂w7 = ${latexToText(g.symbolic.latex)}`);
    expect(panel.find('[data-testid="bp-symbolic"]').html()).toContain('<math');
    expect(panel.find('[data-testid="bp-value"]').text()).toBe(fmt(g.value, 8));
    expect(panel.find('[data-testid="bp-agreement"]').text()).toContain('agrees to 1e-7');
    expect(panel.findAll('.path-row')).toHaveLength(1);
  });

  it('w1 lists two paths, each reusing an output delta', async () => {
    const w = mount(BackpropLab, options());
    await w.find('[role="button"][aria-label="w1"]').trigger('click');
    expect(w.findAll('.path-row')).toHaveLength(2);
    expect(w.findAll('.delta-group')).toHaveLength(2);
    expect(w.find('.reused-notes').text()).toContain('δ of f1');
    expect(w.findAll('.node.reused')).toHaveLength(2);
  });

  it('hovering a chip highlights its node or link', async () => {
    const w = mount(BackpropLab, options());
    await w.find('[role="button"][aria-label="w7"]').trigger('click');
    const chips = w.findAll('.chip');
    await chips[chips.length - 1]!.trigger('mouseenter');
    expect(w.find('.node.hl .node-name').text()).toBe('h1');
  });

  it('"Update this weight" lowers the loss for a small rate', async () => {
    const w = mount(BackpropLab, options());
    await w.find('[role="button"][aria-label="w7"]').trigger('click');
    await w.find('input[type="number"][step="0.1"][min="0"]').setValue('0.1');
    await button(w, 'Update this weight').trigger('click');
    const text = w.find('[data-testid="bp-step"]').text();
    const [before, after] = [...text.matchAll(/(before|after) ([\d.e−-]+)/g)].map((m) => Number(m[2]!.replace('−', '-')));
    expect(before).toBeCloseTo(trace.loss, 7);
    expect(after!).toBeLessThan(before!);
    expect(text).toContain('w7: 0.4 →');
  });

  it('batch mode shows per-example gradients and their mean', async () => {
    const w = mount(BackpropLab, options());
    await w.find('[role="button"][aria-label="b1"]').trigger('click');
    await w.find('.by-hand input[type="checkbox"]').setValue(true);
    const rows = w.find('table[aria-label="Batch"]').findAll('tbody tr');
    expect(rows).toHaveLength(3);
    const per = rows.map((r) => Number(r.findAll('td')[7]!.text().replace('−', '-')));
    const mean = Number(w.find('[data-testid="bp-batch-mean"]').text().replace('−', '-'));
    expect(mean).toBeCloseTo(per.reduce((a, b) => a + b, 0) / 3, 5);
  });
});

describe('LearnView', () => {
  it('has three tabs and keeps the chosen tab in the project', async () => {
    const w = mount(LearnView, options());
    const tabs = w.findAll('[role="tab"]');
    expect(tabs.map((t) => t.text())).toEqual(['Gradient descent', 'Neuron', 'Backpropagation']);
    await tabs[2]!.trigger('click');
    expect(w.find('[aria-label="Formula"]').exists()).toBe(true);
    expect(useProjectStore().learn).toMatchObject({ tab: 'backprop' });
    await tabs[1]!.trigger('click');
    expect(w.find('[data-testid="bound-function"] [role="math"]').attributes('aria-label')).toContain('a + 9b + c');
  });
});
