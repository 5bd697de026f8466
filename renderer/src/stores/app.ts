/**
 * The frame's state: the current view, the selection the inspector shows,
 * theme, language and the notices on screen. View, selection, theme and
 * language survive a reload (localStorage); on the desktop, theme and
 * language are the app's settings, shared with the native menu.
 */
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { Language } from '../i18n';

export const VIEWS = ['data', 'network', 'train', 'evaluate', 'export', 'learn'] as const;
export type View = (typeof VIEWS)[number];
export type Theme = 'system' | 'light' | 'dark';

/** What the inspector shows. */
export type Selection =
  | { kind: 'column'; name: string }
  | { kind: 'layer'; layer: number }
  | { kind: 'neuron'; layer: number; unit: number }
  /** Weight from unit `from` of the previous layer (or input `from`) to unit `to` of `layer`. */
  | { kind: 'weight'; layer: number; from: number; to: number }
  | { kind: 'bias'; layer: number; unit: number };

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** The localStorage key of the persisted UI state. */
export const UI_STATE_KEY = 'backprop-studio:ui';

interface PersistedUi {
  view?: unknown;
  selection?: unknown;
  theme?: unknown;
  language?: unknown;
}

function readPersisted(): PersistedUi {
  try {
    const raw = localStorage.getItem(UI_STATE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return typeof parsed === 'object' && parsed !== null ? (parsed as PersistedUi) : {};
  } catch {
    return {};
  }
}

function isSelection(value: unknown): value is Selection {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const int = (k: string): boolean => Number.isInteger(v[k]) && (v[k] as number) >= 0;
  switch (v['kind']) {
    case 'column': return typeof v['name'] === 'string';
    case 'layer': return int('layer');
    case 'neuron': case 'bias': return int('layer') && int('unit');
    case 'weight': return int('layer') && int('from') && int('to');
    default: return false;
  }
}

export const useAppStore = defineStore('app', () => {
  const saved = readPersisted();
  const view = ref<View>(VIEWS.includes(saved.view as View) ? (saved.view as View) : 'data');
  const selection = ref<Selection | null>(isSelection(saved.selection) ? saved.selection : null);
  const theme = ref<Theme>(['system', 'light', 'dark'].includes(saved.theme as string) ? (saved.theme as Theme) : 'system');
  const language = ref<Language | null>(saved.language === 'en' || saved.language === 'zh-CN' ? saved.language : null);
  const notices = ref<Notice[]>([]);
  let nextNotice = 1;

  watch([view, selection, theme, language], () => {
    try {
      localStorage.setItem(UI_STATE_KEY, JSON.stringify({ view: view.value, selection: selection.value, theme: theme.value, language: language.value }));
    } catch {
      // Private browsing or a full quota: the UI state is a convenience, not the user's work.
    }
  }, { deep: true });

  /** The theme actually shown ('system' resolved by the OS preference). */
  const prefersDark = ref(typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches);
  if (typeof matchMedia === 'function') {
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (e) => { prefersDark.value = e.matches; });
  }
  const shownTheme = computed<'light' | 'dark'>(() => (theme.value === 'system' ? (prefersDark.value ? 'dark' : 'light') : theme.value));

  function notify(level: Notice['level'], message: string): void {
    // The same message twice in a row is one notice.
    if (notices.value.some((n) => n.message === message)) return;
    notices.value.push({ id: nextNotice++, level, message });
  }

  return {
    view, selection, theme, language, notices, shownTheme,
    setView(next: View) { view.value = next; },
    select(next: Selection | null) { selection.value = next; },
    notify,
    /** Reports a failure the user caused or must know about, with its message. */
    fail(error: unknown) { notify('error', error instanceof Error ? error.message : String(error)); },
    dismiss(id: number) { notices.value = notices.value.filter((n) => n.id !== id); },
  };
});
