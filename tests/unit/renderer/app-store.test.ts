// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { UI_STATE_KEY, useAppStore } from '../../../renderer/src/stores/app';

beforeEach(() => {
  localStorage.clear();
  setActivePinia(createPinia());
});

describe('app store', () => {
  it('starts on the data view with the system theme and no language chosen', () => {
    const app = useAppStore();
    expect([app.view, app.theme, app.language, app.selection]).toEqual(['data', 'system', null, null]);
  });

  it('keeps view, selection, theme and language across a reload', async () => {
    const app = useAppStore();
    app.setView('network');
    app.select({ kind: 'weight', layer: 1, from: 2, to: 0 });
    app.theme = 'dark';
    app.language = 'zh-CN';
    await nextTick();
    expect(JSON.parse(localStorage.getItem(UI_STATE_KEY) ?? '{}')).toEqual({
      view: 'network', selection: { kind: 'weight', layer: 1, from: 2, to: 0 }, theme: 'dark', language: 'zh-CN',
    });
    setActivePinia(createPinia());
    const again = useAppStore();
    expect([again.view, again.theme, again.language, again.selection]).toEqual(['network', 'dark', 'zh-CN', { kind: 'weight', layer: 1, from: 2, to: 0 }]);
    expect(again.shownTheme).toBe('dark');
  });

  it('ignores a damaged saved state field by field', () => {
    localStorage.setItem(UI_STATE_KEY, JSON.stringify({ view: 'nowhere', selection: { kind: 'weight', layer: -1 }, theme: 'pink', language: 'fr' }));
    const app = useAppStore();
    expect([app.view, app.theme, app.language, app.selection]).toEqual(['data', 'system', null, null]);
    localStorage.setItem(UI_STATE_KEY, '{not json');
    setActivePinia(createPinia());
    expect(useAppStore().view).toBe('data');
  });

  it('shows a notice once, with the message given, until dismissed', () => {
    const app = useAppStore();
    app.fail(new Error('Cannot open x.csv: permission denied.'));
    app.fail(new Error('Cannot open x.csv: permission denied.'));
    app.notify('warning', 'Careful.');
    expect(app.notices.map((n) => [n.level, n.message])).toEqual([['error', 'Cannot open x.csv: permission denied.'], ['warning', 'Careful.']]);
    app.dismiss(app.notices[0]!.id);
    expect(app.notices.map((n) => n.message)).toEqual(['Careful.']);
  });
});
