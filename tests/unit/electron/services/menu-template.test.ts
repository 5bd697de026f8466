import { describe, expect, it } from 'vitest';
import {
  MENU_COMMAND_IDS, MENU_LABELS_EN, MENU_LABELS_ZH_CN, buildMenuTemplate, menuCommandIds, recentFileLabel,
  type MenuItemSpec, type MenuTemplateOptions,
} from '../../../../electron/services/menu-template';

const PLATFORMS = ['darwin', 'win32', 'linux'] as const;

function options(overrides: Partial<MenuTemplateOptions> = {}): MenuTemplateOptions {
  return {
    platform: 'linux',
    appName: 'Backprop Studio',
    recent: [],
    theme: 'system',
    language: 'en',
    training: { canStart: true, canPause: false, canResume: false, canStop: false, canStep: true },
    hasProject: true,
    ...overrides,
  };
}

const labels = (items: readonly MenuItemSpec[]): (string | undefined)[] => items.map((item) => item.type === 'separator' ? '---' : item.label);

function menu(template: readonly MenuItemSpec[], label: string): MenuItemSpec[] {
  const found = template.find((item) => item.label === label);
  if (found?.submenu === undefined) throw new Error(`no submenu "${label}" in ${labels(template).join(', ')}`);
  return found.submenu;
}

function item(items: readonly MenuItemSpec[], label: string): MenuItemSpec {
  const found = items.find((candidate) => candidate.label === label);
  if (found === undefined) throw new Error(`no item "${label}" in ${labels(items).join(', ')}`);
  return found;
}

function flatten(items: readonly MenuItemSpec[]): MenuItemSpec[] {
  return items.flatMap((entry) => [entry, ...flatten(entry.submenu ?? [])]);
}

/**
 * The accelerators Electron gives its roles (lib/browser/api/menu-item-roles.ts),
 * so duplicates between our keys and Electron's show up too.
 */
function roleAccelerator(role: string, platform: string): string | undefined {
  const isMac = platform === 'darwin';
  const table: Record<string, string | undefined> = {
    undo: 'CmdOrCtrl+Z',
    redo: platform === 'win32' ? 'Ctrl+Y' : 'Shift+CmdOrCtrl+Z',
    cut: 'CmdOrCtrl+X', copy: 'CmdOrCtrl+C', paste: 'CmdOrCtrl+V',
    pasteAndMatchStyle: isMac ? 'Cmd+Option+Shift+V' : 'Shift+CmdOrCtrl+V',
    selectAll: 'CmdOrCtrl+A',
    reload: 'CmdOrCtrl+R', forceReload: 'Shift+CmdOrCtrl+R', toggleDevTools: isMac ? 'Alt+Cmd+I' : 'Ctrl+Shift+I',
    resetZoom: 'CmdOrCtrl+0', zoomIn: 'CmdOrCtrl+Plus', zoomOut: 'CmdOrCtrl+-',
    togglefullscreen: isMac ? 'Ctrl+Cmd+F' : 'F11',
    hide: 'Cmd+H', hideOthers: 'Cmd+Alt+H', close: 'CmdOrCtrl+W',
    quit: platform === 'win32' ? undefined : 'CmdOrCtrl+Q',
  };
  return table[role];
}

/** An accelerator as the keys pressed on `platform`, with modifiers sorted, e.g. `Ctrl+Shift+S`. */
function keys(accelerator: string, platform: string): string {
  const parts = accelerator.split('+').map((part) => {
    if (part === 'CmdOrCtrl' || part === 'CommandOrControl') return platform === 'darwin' ? 'Cmd' : 'Ctrl';
    if (part === 'Command') return 'Cmd';
    if (part === 'Control') return 'Ctrl';
    if (part === 'Option') return 'Alt';
    return part;
  });
  const key = parts.pop() ?? '';
  return [...parts.sort(), key].join('+');
}

describe('buildMenuTemplate', () => {
  it('on macOS starts with the app menu, which holds About, Services, Hide, Hide Others, Show All and Quit', () => {
    const template = buildMenuTemplate(options({ platform: 'darwin' }));
    expect(labels(template)).toEqual(['Backprop Studio', 'File', 'Edit', 'View', 'Training', 'Window', 'Help']);
    const app = menu(template, 'Backprop Studio');
    expect(labels(app)).toEqual([
      'About Backprop Studio', '---', 'Services', '---', 'Hide Backprop Studio', 'Hide Others', 'Show All', '---',
      'Quit Backprop Studio',
    ]);
    expect(app.map((entry) => entry.role)).toEqual([
      undefined, undefined, 'services', undefined, 'hide', 'hideOthers', 'unhide', undefined, 'quit',
    ]);
    expect(item(app, 'About Backprop Studio').command).toEqual({ id: 'help.about' });
    expect(item(template, 'Window').role).toBe('windowMenu');
    expect(item(template, 'Help').role).toBe('help');
    expect(labels(menu(template, 'Help'))).toEqual(['Learn']);
  });

  it('on macOS keeps Quit out of File, which ends with Close Window', () => {
    const file = menu(buildMenuTemplate(options({ platform: 'darwin' })), 'File');
    expect(labels(file)).toEqual([
      'New Project', 'Open Dataset…', 'Open Project…', 'Open Recent', '---', 'Save', 'Save As…', 'Export Model…', '---',
      'Close Window',
    ]);
    expect(item(file, 'Close Window').role).toBe('close');
  });

  it.each([
    ['win32', 'Exit', undefined],
    ['linux', 'Quit', 'Ctrl+Q'],
  ])('on %s File ends with %s (accelerator %s) and Help holds About', (platform, quitLabel, accelerator) => {
    const template = buildMenuTemplate(options({ platform }));
    expect(labels(template)).toEqual(['File', 'Edit', 'View', 'Training', 'Help']);
    const file = menu(template, 'File');
    expect(file.at(-1)).toEqual({ label: quitLabel, role: 'quit', ...(accelerator ? { accelerator } : {}) });
    expect(labels(menu(template, 'Help'))).toEqual(['Learn', '---', 'About Backprop Studio']);
    expect(item(menu(template, 'Help'), 'About Backprop Studio').command).toEqual({ id: 'help.about' });
    expect(item(template, 'Help').role).toBeUndefined();
  });

  it.each(PLATFORMS)('gives the File commands their CmdOrCtrl accelerators on %s', (platform) => {
    const file = menu(buildMenuTemplate(options({ platform })), 'File');
    const pick = (label: string) => ({ accelerator: item(file, label).accelerator, command: item(file, label).command });
    expect(pick('New Project')).toEqual({ accelerator: 'CmdOrCtrl+N', command: { id: 'file.new' } });
    expect(pick('Open Dataset…')).toEqual({ accelerator: 'CmdOrCtrl+O', command: { id: 'file.openDataset' } });
    expect(pick('Open Project…')).toEqual({ accelerator: 'CmdOrCtrl+Shift+O', command: { id: 'file.openProject' } });
    expect(pick('Save')).toEqual({ accelerator: 'CmdOrCtrl+S', command: { id: 'file.save' } });
    expect(pick('Save As…')).toEqual({ accelerator: 'CmdOrCtrl+Shift+S', command: { id: 'file.saveAs' } });
    expect(pick('Export Model…')).toEqual({ accelerator: 'CmdOrCtrl+E', command: { id: 'file.exportModel' } });
  });

  it.each([
    ['darwin', ['Undo', 'Redo', '---', 'Cut', 'Copy', 'Paste', 'Paste and Match Style', 'Delete', 'Select All']],
    ['win32', ['Undo', 'Redo', '---', 'Cut', 'Copy', 'Paste', 'Select All']],
    ['linux', ['Undo', 'Redo', '---', 'Cut', 'Copy', 'Paste', 'Select All']],
  ])('builds Edit on %s: Undo and Redo as page commands whose keys reach the page, the rest from Electron roles', (platform, expected) => {
    const edit = menu(buildMenuTemplate(options({ platform })), 'Edit');
    expect(labels(edit)).toEqual(expected);
    expect(edit.slice(0, 2)).toEqual([
      { label: 'Undo', command: { id: 'edit.undo' }, accelerator: 'CmdOrCtrl+Z', registerAccelerator: false },
      { label: 'Redo', command: { id: 'edit.redo' }, accelerator: platform === 'win32' ? 'Ctrl+Y' : 'Shift+CmdOrCtrl+Z', registerAccelerator: false },
    ]);
    for (const entry of edit.slice(3).filter((candidate) => candidate.type !== 'separator')) {
      expect(entry.role, entry.label).toBeDefined();
      expect(entry.accelerator, `${entry.label} keeps Electron's default`).toBeUndefined();
    }
  });

  it('shows the developer items in View only when dev is true', () => {
    const plain = menu(buildMenuTemplate(options()), 'View');
    expect(labels(plain)).toEqual(['Actual Size', 'Zoom In', 'Zoom Out', '---', 'Theme', 'Language', '---', 'Toggle Full Screen']);
    const dev = menu(buildMenuTemplate(options({ dev: true })), 'View');
    expect(labels(dev).slice(0, 4)).toEqual(['Reload', 'Force Reload', 'Toggle Developer Tools', '---']);
    expect(dev.slice(0, 3).map((entry) => entry.role)).toEqual(['reload', 'forceReload', 'toggleDevTools']);
  });

  it.each(['system', 'light', 'dark'] as const)('checks the %s theme and only it', (theme) => {
    const themes = menu(menu(buildMenuTemplate(options({ theme })), 'View'), 'Theme');
    expect(themes.map((entry) => [entry.label, entry.type, entry.checked, entry.command])).toEqual([
      ['System', 'radio', theme === 'system', { id: 'view.theme.system' }],
      ['Light', 'radio', theme === 'light', { id: 'view.theme.light' }],
      ['Dark', 'radio', theme === 'dark', { id: 'view.theme.dark' }],
    ]);
  });

  it.each(['en', 'zh-CN'] as const)('checks the %s language, whose names stay in their own language', (language) => {
    const template = buildMenuTemplate(options({ language }));
    const view = menu(template, language === 'en' ? 'View' : '视图');
    const languages = menu(view, language === 'en' ? 'Language' : '语言');
    expect(languages.map((entry) => [entry.label, entry.type, entry.checked, entry.command])).toEqual([
      ['English', 'radio', language === 'en', { id: 'view.language.en' }],
      ['简体中文', 'radio', language === 'zh-CN', { id: 'view.language.zh-CN' }],
    ]);
  });

  it.each([
    ['darwin', 'CmdOrCtrl+Enter', 'CmdOrCtrl+.'],
    ['win32', 'F5', 'Shift+F5'],
    ['linux', 'F5', 'Shift+F5'],
  ])('on %s Training starts with %s, stops with %s and steps with F10', (platform, start, stop) => {
    const training = menu(buildMenuTemplate(options({ platform })), 'Training');
    expect(training.map((entry) => entry.type === 'separator' ? '---' : [entry.label, entry.accelerator, entry.command?.id])).toEqual([
      ['Start', start, 'training.start'],
      ['Pause', undefined, 'training.pause'],
      ['Stop', stop, 'training.stop'],
      '---',
      ['Step', 'F10', 'training.step'],
    ]);
    expect(item(menu(buildMenuTemplate(options({ platform })), 'Help'), 'Learn')).toMatchObject({ accelerator: 'F1', command: { id: 'help.learn' } });
  });

  it.each([
    ['idle', { canStart: true, canPause: false, canResume: false, canStop: false, canStep: true }, 'Pause', 'training.pause', [true, false, false, true]],
    ['running', { canStart: false, canPause: true, canResume: false, canStop: true, canStep: false }, 'Pause', 'training.pause', [false, true, true, false]],
    ['paused', { canStart: false, canPause: false, canResume: true, canStop: true, canStep: true }, 'Resume', 'training.resume', [false, true, true, true]],
  ] as const)('when %s, the Training items are enabled as the flags say and the middle one reads %s', (_state, training, label, command, enabled) => {
    const items = menu(buildMenuTemplate(options({ training })), 'Training').filter((entry) => entry.type !== 'separator');
    expect(items[1]).toMatchObject({ label, command: { id: command } });
    expect(items.map((entry) => entry.enabled)).toEqual(enabled);
  });

  it('disables Save, Save As and Export Model without a project', () => {
    const file = menu(buildMenuTemplate(options({ hasProject: false })), 'File');
    expect(['Save', 'Save As…', 'Export Model…'].map((label) => item(file, label).enabled)).toEqual([false, false, false]);
    expect(item(file, 'New Project').enabled).toBeUndefined();
    const withProject = menu(buildMenuTemplate(options({ hasProject: true })), 'File');
    expect(['Save', 'Save As…', 'Export Model…'].map((label) => item(withProject, label).enabled)).toEqual([true, true, true]);
  });

  it('shows a disabled "No Recent Files" when the list is empty', () => {
    const recent = menu(menu(buildMenuTemplate(options({ recent: [] })), 'File'), 'Open Recent');
    expect(recent).toEqual([{ label: 'No Recent Files', enabled: false }]);
  });

  it('lists recent files as name and folder, each opening its path, then Clear Recent', () => {
    const recent = menu(menu(buildMenuTemplate(options({ recent: ['/home/ana/data/iris.csv', '/home/ana/work/xor.bpstudio'] })), 'File'), 'Open Recent');
    expect(recent).toEqual([
      { label: 'iris.csv — /home/ana/data', command: { id: 'file.openRecent', path: '/home/ana/data/iris.csv' } },
      { label: 'xor.bpstudio — /home/ana/work', command: { id: 'file.openRecent', path: '/home/ana/work/xor.bpstudio' } },
      { type: 'separator' },
      { label: 'Clear Recent', command: { id: 'file.clearRecent' } },
    ]);
  });

  it('shows at most 10 recent files, the most recent first', () => {
    const paths = Array.from({ length: 14 }, (_, i) => `/data/file-${i}.csv`);
    const recent = menu(menu(buildMenuTemplate(options({ recent: paths })), 'File'), 'Open Recent');
    const opened = menuCommandIds(recent).flatMap((command) => command.id === 'file.openRecent' ? [command.path] : []);
    expect(opened).toEqual(paths.slice(0, 10));
    expect(recent).toHaveLength(12);
  });

  it.each(PLATFORMS)('has no accelerator twice on %s, counting Electron role defaults (dev items included)', (platform) => {
    const all = flatten(buildMenuTemplate(options({ platform, dev: true, recent: ['/a.csv'] })));
    const pressed = all.flatMap((entry) => {
      const accelerator = entry.accelerator ?? (entry.role ? roleAccelerator(entry.role, platform) : undefined);
      return accelerator === undefined ? [] : [keys(accelerator, platform)];
    });
    expect(pressed.length).toBeGreaterThan(15);
    expect(pressed.filter((key, i) => pressed.indexOf(key) !== i)).toEqual([]);
  });

  it.each(PLATFORMS)('can send every command on %s, and only known ones', (platform) => {
    const template = buildMenuTemplate(options({ platform, recent: ['/a.csv'] }));
    const ids = new Set(menuCommandIds(template).map((command) => command.id));
    // Pause and Resume share one item, so a single template holds one of them.
    const paused = buildMenuTemplate(options({ platform, training: { canStart: false, canPause: false, canResume: true, canStop: true, canStep: true } }));
    for (const command of menuCommandIds(paused)) ids.add(command.id);
    expect([...ids].sort()).toEqual([...MENU_COMMAND_IDS].sort());
  });

  it('labels every item in Simplified Chinese when the language is zh-CN', () => {
    const template = buildMenuTemplate(options({ platform: 'darwin', language: 'zh-CN', recent: ['/a/b.csv'] }));
    expect(labels(template)).toEqual(['Backprop Studio', '文件', '编辑', '视图', '训练', '窗口', '帮助']);
    expect(labels(menu(template, 'Backprop Studio'))).toEqual([
      '关于 Backprop Studio', '---', '服务', '---', '隐藏 Backprop Studio', '隐藏其他', '全部显示', '---', '退出 Backprop Studio',
    ]);
    expect(labels(menu(template, '文件'))).toEqual([
      '新建项目', '打开数据集…', '打开项目…', '最近打开', '---', '保存', '另存为…', '导出模型…', '---', '关闭窗口',
    ]);
    expect(labels(menu(menu(template, '文件'), '最近打开'))).toEqual(['b.csv — /a', '---', '清除最近记录']);
    expect(labels(menu(template, '训练'))).toEqual(['开始', '暂停', '停止', '---', '单步']);
    const english = new Set(Object.values(MENU_LABELS_EN).map((label) => label.replace('{app}', 'Backprop Studio')));
    const leaked = flatten(template).flatMap((entry) => entry.label !== undefined && english.has(entry.label) ? [entry.label] : []);
    expect(leaked).toEqual([]);
  });

  it('uses the labels passed in over the language', () => {
    const template = buildMenuTemplate(options({ language: 'zh-CN', labels: { ...MENU_LABELS_EN, file: 'Fichier' } }));
    expect(labels(template)[0]).toBe('Fichier');
  });

  it('gives the same template for the same options', () => {
    expect(buildMenuTemplate(options({ recent: ['/x/y.csv'] }))).toEqual(buildMenuTemplate(options({ recent: ['/x/y.csv'] })));
  });
});

describe('menu labels', () => {
  it('has the same keys in English and Simplified Chinese, none empty', () => {
    expect(Object.keys(MENU_LABELS_ZH_CN).sort()).toEqual(Object.keys(MENU_LABELS_EN).sort());
    for (const table of [MENU_LABELS_EN, MENU_LABELS_ZH_CN]) {
      for (const [key, label] of Object.entries(table)) expect(label.trim(), key).not.toBe('');
    }
  });

  it('keeps the {app} placeholder in the same labels in both languages', () => {
    const withApp = (table: Record<string, string>) => Object.keys(table).filter((key) => table[key]?.includes('{app}')).sort();
    expect(withApp({ ...MENU_LABELS_ZH_CN })).toEqual(withApp({ ...MENU_LABELS_EN }));
  });
});

describe('recentFileLabel', () => {
  it.each([
    ['/Users/ana/data/iris.csv', 'darwin', 'iris.csv — /Users/ana/data'],
    ['C:\\Users\\Ana\\Data\\iris.csv', 'win32', 'iris.csv — C:\\Users\\Ana\\Data'],
    ['/home/ana/R&D/a&b.csv', 'linux', 'a&&b.csv — /home/ana/R&&D'],
    ['C:\\R&D\\x.csv', 'win32', 'x.csv — C:\\R&&D'],
    ['/Users/ana/R&D/x.csv', 'darwin', 'x.csv — /Users/ana/R&D'],
    ['/iris.csv', 'linux', 'iris.csv — /'],
    ['C:\\iris.csv', 'win32', 'iris.csv — C:\\'],
    ['C:/Data/iris.csv', 'win32', 'iris.csv — C:/Data'],
    ['\\\\server\\share\\iris.csv', 'win32', 'iris.csv — \\\\server\\share'],
    ['/home/ana/back\\slash.csv', 'linux', 'back\\slash.csv — /home/ana'],
    ['iris.csv', 'linux', 'iris.csv — .'],
  ])('labels %s on %s as %s', (path, platform, expected) => {
    expect(recentFileLabel(path, platform)).toBe(expected);
  });
});
