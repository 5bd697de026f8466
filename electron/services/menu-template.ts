/**
 * The native application menu as plain data: File, Edit, View, Training and
 * Help (plus the app menu and Window menu on macOS), with each platform's
 * keyboard conventions. Main turns the template into Electron's `Menu`:
 * items with a `role` keep Electron's behaviour (and its default accelerator,
 * see below); items with a `command` send that command to the renderer.
 *
 * ```ts
 * const toElectron = (item: MenuItemSpec): MenuItemConstructorOptions => {
 *   const { command, submenu, ...rest } = item;
 *   return {
 *     ...rest,
 *     ...(command ? { click: () => win.webContents.send('menu:command', command) } : {}),
 *     ...(submenu ? { submenu: submenu.map(toElectron) } : {}),
 *   };
 * };
 * Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options).map(toElectron)));
 * ```
 *
 * Accelerators (`CmdOrCtrl` is Cmd on macOS, Ctrl elsewhere):
 * - File: New CmdOrCtrl+N, Open Dataset CmdOrCtrl+O, Open Project
 *   CmdOrCtrl+Shift+O, Save CmdOrCtrl+S, Save As CmdOrCtrl+Shift+S, Export
 *   Model CmdOrCtrl+E. Quit is Cmd+Q in the macOS app menu and Ctrl+Q in
 *   Linux's File menu; Windows' "Exit" has none, as Alt+F4 closes the window
 *   there (Electron's `quit` role has no accelerator on Windows either).
 * - Training: Start / Stop follow the platform. Windows and Linux use the
 *   debugger keys F5 / Shift+F5; macOS uses Cmd+Enter / Cmd+. ("Cmd+period
 *   cancels" is a Mac convention, and F-keys there need Fn). Step is F10
 *   (debugger step-over) everywhere; Help > Learn is F1.
 * - Role items carry no accelerator here: Electron supplies its defaults
 *   (undo CmdOrCtrl+Z, redo Shift+CmdOrCtrl+Z or Ctrl+Y on Windows, zoom
 *   CmdOrCtrl+0/+/-, full screen Ctrl+Cmd+F or F11, ...), except Linux's quit.
 *
 * Every label is given explicitly, since Electron's role labels are English
 * only; `MENU_LABELS_ZH_CN` makes the menu follow the app's language.
 * About is a command on every platform (also in the macOS app menu), so the
 * renderer shows one About dialog rather than the bare native panel.
 */

// No Node or Electron imports, not even types: the IPC contract, which the
// renderer type-checks against, imports `MenuCommand` from here.

/** Every command a menu item can send to the renderer. */
export const MENU_COMMAND_IDS = [
  'file.new', 'file.openDataset', 'file.openProject', 'file.openRecent', 'file.clearRecent',
  'file.save', 'file.saveAs', 'file.exportModel', 'edit.undo', 'edit.redo',
  'view.theme.system', 'view.theme.light', 'view.theme.dark', 'view.language.en', 'view.language.zh-CN',
  'training.start', 'training.pause', 'training.resume', 'training.stop', 'training.step',
  'help.learn', 'help.about',
] as const;
/** One of `MENU_COMMAND_IDS`. */
export type MenuCommandId = (typeof MENU_COMMAND_IDS)[number];
/** A command sent to the renderer; only "open recent" carries data, the file's path. */
export type MenuCommand =
  | { id: 'file.openRecent'; path: string }
  | { id: Exclude<MenuCommandId, 'file.openRecent'> };

/** The Electron roles the template uses (a subset of Electron's `MenuItemConstructorOptions['role']`). */
export type MenuRole =
  | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit' | 'close'
  | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'pasteAndMatchStyle' | 'delete' | 'selectAll'
  | 'reload' | 'forceReload' | 'toggleDevTools' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen'
  | 'windowMenu' | 'help';

/** One menu item, JSON-like; a subset of Electron's `MenuItemConstructorOptions` plus `command`. */
export interface MenuItemSpec {
  label?: string;
  role?: MenuRole;
  accelerator?: string;
  /** False: the accelerator is shown in the menu but the key press goes to the page. */
  registerAccelerator?: boolean;
  command?: MenuCommand;
  type?: 'separator' | 'submenu' | 'checkbox' | 'radio';
  checked?: boolean;
  enabled?: boolean;
  submenu?: MenuItemSpec[];
}

/** Every label of the menu; `{app}` is replaced by the app's name. */
export interface MenuLabels {
  about: string; services: string; hide: string; hideOthers: string; showAll: string; quitApp: string;
  file: string; new: string; openDataset: string; openProject: string; openRecent: string; noRecent: string;
  clearRecent: string; save: string; saveAs: string; exportModel: string; closeWindow: string; exit: string; quit: string;
  edit: string; undo: string; redo: string; cut: string; copy: string; paste: string; pasteAndMatchStyle: string;
  delete: string; selectAll: string;
  view: string; reload: string; forceReload: string; toggleDevTools: string; resetZoom: string; zoomIn: string;
  zoomOut: string; toggleFullScreen: string; theme: string; themeSystem: string; themeLight: string; themeDark: string;
  language: string;
  training: string; start: string; pause: string; resume: string; stop: string; step: string;
  window: string; help: string; learn: string;
}

/** English labels (the default). */
export const MENU_LABELS_EN: MenuLabels = {
  about: 'About {app}', services: 'Services', hide: 'Hide {app}', hideOthers: 'Hide Others', showAll: 'Show All',
  quitApp: 'Quit {app}',
  file: 'File', new: 'New Project', openDataset: 'Open Dataset…', openProject: 'Open Project…', openRecent: 'Open Recent',
  noRecent: 'No Recent Files', clearRecent: 'Clear Recent', save: 'Save', saveAs: 'Save As…', exportModel: 'Export Model…',
  closeWindow: 'Close Window', exit: 'Exit', quit: 'Quit',
  edit: 'Edit', undo: 'Undo', redo: 'Redo', cut: 'Cut', copy: 'Copy', paste: 'Paste',
  pasteAndMatchStyle: 'Paste and Match Style', delete: 'Delete', selectAll: 'Select All',
  view: 'View', reload: 'Reload', forceReload: 'Force Reload', toggleDevTools: 'Toggle Developer Tools',
  resetZoom: 'Actual Size', zoomIn: 'Zoom In', zoomOut: 'Zoom Out', toggleFullScreen: 'Toggle Full Screen',
  theme: 'Theme', themeSystem: 'System', themeLight: 'Light', themeDark: 'Dark', language: 'Language',
  training: 'Training', start: 'Start', pause: 'Pause', resume: 'Resume', stop: 'Stop', step: 'Step',
  window: 'Window', help: 'Help', learn: 'Learn',
};

/** Simplified Chinese labels. */
export const MENU_LABELS_ZH_CN: MenuLabels = {
  about: '关于 {app}', services: '服务', hide: '隐藏 {app}', hideOthers: '隐藏其他', showAll: '全部显示',
  quitApp: '退出 {app}',
  file: '文件', new: '新建项目', openDataset: '打开数据集…', openProject: '打开项目…', openRecent: '最近打开',
  noRecent: '没有最近的文件', clearRecent: '清除最近记录', save: '保存', saveAs: '另存为…', exportModel: '导出模型…',
  closeWindow: '关闭窗口', exit: '退出', quit: '退出',
  edit: '编辑', undo: '撤销', redo: '重做', cut: '剪切', copy: '复制', paste: '粘贴',
  pasteAndMatchStyle: '粘贴并匹配样式', delete: '删除', selectAll: '全选',
  view: '视图', reload: '重新加载', forceReload: '强制重新加载', toggleDevTools: '切换开发者工具',
  resetZoom: '实际大小', zoomIn: '放大', zoomOut: '缩小', toggleFullScreen: '切换全屏',
  theme: '主题', themeSystem: '跟随系统', themeLight: '浅色', themeDark: '深色', language: '语言',
  training: '训练', start: '开始', pause: '暂停', resume: '继续', stop: '停止', step: '单步',
  window: '窗口', help: '帮助', learn: '学习',
};

/** Language names are written in their own language, whatever the menu's language. */
export const LANGUAGE_NAMES = { en: 'English', 'zh-CN': '简体中文' } as const;

/** At most this many files are listed under Open Recent. */
export const MAX_RECENT_IN_MENU = 10;

/** What the menu depends on; rebuild it when any of this changes. */
export interface MenuTemplateOptions {
  /** `process.platform`: `darwin`, `win32`, `linux`, ... (any other is treated like Linux). */
  platform: string;
  appName: string;
  /** Most recent first; only the first `MAX_RECENT_IN_MENU` are shown. */
  recent: readonly string[];
  theme: 'system' | 'light' | 'dark';
  language: 'en' | 'zh-CN';
  training: { canStart: boolean; canPause: boolean; canResume: boolean; canStop: boolean; canStep: boolean };
  /** Save, Save As and Export Model need an open project. */
  hasProject: boolean;
  /** Adds Reload, Force Reload and Toggle Developer Tools to View. */
  dev?: boolean;
  /** Overrides the labels chosen by `language`. */
  labels?: MenuLabels;
}

const separator: MenuItemSpec = { type: 'separator' };

/** Builds the application menu for `options.platform`. Pure: the same options give the same template. */
export function buildMenuTemplate(options: MenuTemplateOptions): MenuItemSpec[] {
  const isMac = options.platform === 'darwin';
  const raw = options.labels ?? (options.language === 'zh-CN' ? MENU_LABELS_ZH_CN : MENU_LABELS_EN);
  const l = (key: keyof MenuLabels): string => raw[key].replaceAll('{app}', options.appName);
  const about: MenuItemSpec = { label: l('about'), command: { id: 'help.about' } };

  const appMenu: MenuItemSpec = {
    label: options.appName,
    type: 'submenu',
    submenu: [
      about, separator,
      { label: l('services'), role: 'services' }, separator,
      { label: l('hide'), role: 'hide' },
      { label: l('hideOthers'), role: 'hideOthers' },
      { label: l('showAll'), role: 'unhide' }, separator,
      { label: l('quitApp'), role: 'quit' },
    ],
  };

  const fileMenu = submenu(l('file'), [
    { label: l('new'), accelerator: 'CmdOrCtrl+N', command: { id: 'file.new' } },
    { label: l('openDataset'), accelerator: 'CmdOrCtrl+O', command: { id: 'file.openDataset' } },
    { label: l('openProject'), accelerator: 'CmdOrCtrl+Shift+O', command: { id: 'file.openProject' } },
    submenu(l('openRecent'), recentItems(options, l('noRecent'), l('clearRecent'))),
    separator,
    { label: l('save'), accelerator: 'CmdOrCtrl+S', command: { id: 'file.save' }, enabled: options.hasProject },
    { label: l('saveAs'), accelerator: 'CmdOrCtrl+Shift+S', command: { id: 'file.saveAs' }, enabled: options.hasProject },
    { label: l('exportModel'), accelerator: 'CmdOrCtrl+E', command: { id: 'file.exportModel' }, enabled: options.hasProject },
    separator,
    ...(isMac
      ? [{ label: l('closeWindow'), role: 'close' } satisfies MenuItemSpec]
      : options.platform === 'win32'
        ? [{ label: l('exit'), role: 'quit' } satisfies MenuItemSpec]
        : [{ label: l('quit'), role: 'quit', accelerator: 'Ctrl+Q' } satisfies MenuItemSpec]),
  ]);

  const editMenu = submenu(l('edit'), [
    // Commands, not roles: the page decides (a text field's own undo, or the network designer's history).
    // The accelerators are shown but not registered, so the keys reach the page as ordinary key presses.
    { label: l('undo'), command: { id: 'edit.undo' }, accelerator: 'CmdOrCtrl+Z', registerAccelerator: false },
    {
      label: l('redo'), command: { id: 'edit.redo' },
      accelerator: options.platform === 'win32' ? 'Ctrl+Y' : 'Shift+CmdOrCtrl+Z', registerAccelerator: false,
    },
    separator,
    { label: l('cut'), role: 'cut' },
    { label: l('copy'), role: 'copy' },
    { label: l('paste'), role: 'paste' },
    ...(isMac
      ? [{ label: l('pasteAndMatchStyle'), role: 'pasteAndMatchStyle' }, { label: l('delete'), role: 'delete' }] satisfies MenuItemSpec[]
      : []),
    { label: l('selectAll'), role: 'selectAll' },
  ]);

  const themeItem = (theme: MenuTemplateOptions['theme'], label: string): MenuItemSpec =>
    ({ label, type: 'radio', checked: options.theme === theme, command: { id: `view.theme.${theme}` } });
  const languageItem = (language: MenuTemplateOptions['language']): MenuItemSpec =>
    ({ label: LANGUAGE_NAMES[language], type: 'radio', checked: options.language === language, command: { id: `view.language.${language}` } });
  const viewMenu = submenu(l('view'), [
    ...(options.dev === true
      ? [
          { label: l('reload'), role: 'reload' },
          { label: l('forceReload'), role: 'forceReload' },
          { label: l('toggleDevTools'), role: 'toggleDevTools' },
          separator,
        ] satisfies MenuItemSpec[]
      : []),
    { label: l('resetZoom'), role: 'resetZoom' },
    { label: l('zoomIn'), role: 'zoomIn' },
    { label: l('zoomOut'), role: 'zoomOut' },
    separator,
    submenu(l('theme'), [
      themeItem('system', l('themeSystem')), themeItem('light', l('themeLight')), themeItem('dark', l('themeDark')),
    ]),
    submenu(l('language'), [languageItem('en'), languageItem('zh-CN')]),
    separator,
    { label: l('toggleFullScreen'), role: 'togglefullscreen' },
  ]);

  const { training } = options;
  const resumes = training.canResume && !training.canPause;
  const trainingMenu = submenu(l('training'), [
    { label: l('start'), accelerator: isMac ? 'CmdOrCtrl+Enter' : 'F5', command: { id: 'training.start' }, enabled: training.canStart },
    {
      label: resumes ? l('resume') : l('pause'),
      command: { id: resumes ? 'training.resume' : 'training.pause' },
      enabled: training.canPause || training.canResume,
    },
    { label: l('stop'), accelerator: isMac ? 'CmdOrCtrl+.' : 'Shift+F5', command: { id: 'training.stop' }, enabled: training.canStop },
    separator,
    { label: l('step'), accelerator: 'F10', command: { id: 'training.step' }, enabled: training.canStep },
  ]);

  const helpMenu: MenuItemSpec = {
    ...submenu(l('help'), [
      { label: l('learn'), accelerator: 'F1', command: { id: 'help.learn' } },
      ...(isMac ? [] : [separator, about]),
    ]),
    // On macOS the `help` role marks the Help menu, which gets the system's search field.
    ...(isMac ? { role: 'help' as const } : {}),
  };

  return isMac
    ? [appMenu, fileMenu, editMenu, viewMenu, trainingMenu, { label: l('window'), role: 'windowMenu' }, helpMenu]
    : [fileMenu, editMenu, viewMenu, trainingMenu, helpMenu];
}

function submenu(label: string, items: MenuItemSpec[]): MenuItemSpec {
  return { label, type: 'submenu', submenu: items };
}

/** Open Recent's items: one per file (at most 10), then Clear Recent; a disabled placeholder when empty. */
function recentItems(options: MenuTemplateOptions, noRecent: string, clearRecent: string): MenuItemSpec[] {
  const shown = options.recent.slice(0, MAX_RECENT_IN_MENU);
  if (shown.length === 0) return [{ label: noRecent, enabled: false }];
  return [
    ...shown.map((path): MenuItemSpec => ({
      label: recentFileLabel(path, options.platform),
      command: { id: 'file.openRecent', path },
    })),
    separator,
    { label: clearRecent, command: { id: 'file.clearRecent' } },
  ];
}

/**
 * A recent file's label: its name, then its folder, e.g. `iris.csv — /Users/ana/data`.
 * Windows and Linux read `&` in a label as a mnemonic marker, so it is doubled there.
 */
export function recentFileLabel(path: string, platform: string): string {
  const end = Math.max(path.lastIndexOf('/'), platform === 'win32' ? path.lastIndexOf('\\') : -1);
  const name = path.slice(end + 1);
  let folder = end < 0 ? '.' : end === 0 ? path.slice(0, 1) : path.slice(0, end);
  if (platform === 'win32' && /^[A-Za-z]:$/.test(folder)) folder += '\\'; // a drive's root is `C:\`, not `C:`
  const label = `${name} — ${folder}`;
  return platform === 'darwin' ? label : label.replaceAll('&', '&&');
}

/** Every command in `template`, depth first (to check what a menu can send). */
export function menuCommandIds(template: readonly MenuItemSpec[]): MenuCommand[] {
  return template.flatMap((item) => [
    ...(item.command ? [item.command] : []),
    ...(item.submenu ? menuCommandIds(item.submenu) : []),
  ]);
}
