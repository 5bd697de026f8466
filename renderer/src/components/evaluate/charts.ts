/**
 * Chart.js for the Evaluate view: the parts it uses (registered once), the
 * theme's colours read from the CSS tokens, and `useChart`, which creates a
 * chart once on mount, refills its data when its source changes
 * (`update('none')`, options untouched), recreates it when the theme
 * changes, and destroys it on unmount.
 */
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LineController, LineElement, LinearScale, PointElement,
  ScatterController, Tooltip, type ChartConfiguration,
} from 'chart.js';
import { onBeforeUnmount, onMounted, watch, type Ref, type WatchSource } from 'vue';
import { useAppStore } from '../../stores/app';

Chart.register(BarController, BarElement, CategoryScale, Legend, LineController, LineElement, LinearScale, PointElement, ScatterController, Tooltip);

/** Colours of the current theme, from the CSS tokens (fallbacks: the light theme). */
export interface ChartColors {
  fg: string;
  muted: string;
  grid: string;
  accent: string;
  accentSoft: string;
  negative: string;
}

export function chartColors(): ChartColors {
  const style = getComputedStyle(document.documentElement);
  const token = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    fg: token('--fg', '#1f2328'),
    muted: token('--muted', '#5f646b'),
    grid: token('--border', '#dcdcd7'),
    accent: token('--accent', '#0877bd'),
    accentSoft: token('--accent-soft', '#e3f0f9'),
    negative: token('--negative', '#f59322'),
  };
}

/** Axis options shared by every chart: a titled linear or category axis in the theme's colours. */
export function axis(colors: ChartColors, title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: { display: true, text: title, color: colors.muted },
    ticks: { color: colors.muted, maxTicksLimit: 8 },
    grid: { color: colors.grid },
    border: { color: colors.grid },
    ...extra,
  };
}

/**
 * A Chart.js chart on `canvas`: `create` builds it (with the theme's colours),
 * `fill` puts the current data in it; `source` changes refill and redraw it.
 */
export function useChart(
  canvas: Ref<HTMLCanvasElement | null>,
  create: (colors: ChartColors) => ChartConfiguration,
  fill: (chart: Chart) => void,
  source: WatchSource,
): { chart: () => Chart | null } {
  const app = useAppStore();
  let chart: Chart | null = null;

  function build(): void {
    chart?.destroy();
    chart = null;
    if (!canvas.value) return;
    chart = new Chart(canvas.value, create(chartColors()));
    fill(chart);
    chart.update('none');
  }

  onMounted(build);
  watch(source, () => {
    if (!chart) return;
    fill(chart);
    chart.update('none');
  });
  // The colours come from CSS: wait for <html data-theme> to change, then rebuild.
  watch(() => app.shownTheme, () => { setTimeout(build, 0); });
  onBeforeUnmount(() => {
    chart?.destroy();
    chart = null;
  });
  return { chart: () => chart };
}
