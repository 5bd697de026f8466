import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SETTINGS_FILE_NAME, SettingsError, defaultSettings, languageFromLocale, openSettings, parseSettings, serializeSettings,
  type Settings, type SettingsFs,
} from '../../../../electron/services/settings';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'settings-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const file = (): string => join(dir, 'data', SETTINGS_FILE_NAME);
const onDisk = async (): Promise<unknown> => JSON.parse(await fs.readFile(file(), 'utf8'));
async function write(text: string): Promise<void> {
  await fs.mkdir(join(dir, 'data'), { recursive: true });
  await fs.writeFile(file(), text);
}

function fsWith(renameError?: string): SettingsFs {
  return {
    open: fs.open, unlink: fs.unlink, mkdir: fs.mkdir, readFile: fs.readFile,
    rename: async (from, to) => {
      if (renameError !== undefined) throw Object.assign(new Error(`${renameError}: simulated`), { code: renameError });
      await fs.rename(from, to);
    },
  };
}

const open = (locale = 'en-US', fsImpl?: SettingsFs) => openSettings({ file: file(), locale, ...(fsImpl ? { fs: fsImpl } : {}) });

describe('languageFromLocale', () => {
  it.each([
    ['zh-CN', 'zh-CN'], ['zh-TW', 'zh-CN'], ['zh', 'zh-CN'], ['zh_CN', 'zh-CN'], ['ZH-hans', 'zh-CN'],
    ['en-US', 'en'], ['en', 'en'], ['fr-FR', 'en'], ['', 'en'], ['zu', 'en'],
  ])('maps the locale %j to %s', (locale, language) => {
    expect(languageFromLocale(locale)).toBe(language);
  });
});

describe('openSettings', () => {
  it.each([
    ['en-GB', { theme: 'system', language: 'en' }],
    ['zh-CN', { theme: 'system', language: 'zh-CN' }],
  ])('gives the defaults for the %s locale without a warning when there is no file', async (locale, expected) => {
    const { settings, warning } = await open(locale);
    expect(settings.get()).toEqual(expected);
    expect(warning).toBeNull();
  });

  it('updates, saves atomically as version 1, and reads the saved settings back', async () => {
    const { settings } = await open();
    await settings.update({ theme: 'dark' });
    await settings.update({ language: 'zh-CN' });
    expect(settings.get()).toEqual({ theme: 'dark', language: 'zh-CN' });
    expect(await onDisk()).toEqual({ version: 1, theme: 'dark', language: 'zh-CN' });
    expect((await open('en-US')).settings.get()).toEqual({ theme: 'dark', language: 'zh-CN' });
    expect((await fs.readdir(join(dir, 'data'))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps a saved language over the locale, and takes the locale for a missing one', async () => {
    await write(JSON.stringify({ version: 1, theme: 'light' }));
    expect((await open('zh-TW')).settings.get()).toEqual({ theme: 'light', language: 'zh-CN' });
    await write(JSON.stringify({ version: 1, language: 'en' }));
    expect((await open('zh-TW')).settings.get()).toEqual({ theme: 'system', language: 'en' });
  });

  it('drops unknown keys when reading and when saving', async () => {
    await write(JSON.stringify({ version: 1, theme: 'dark', fontSize: 14 }));
    const { settings, warning } = await open();
    expect(warning).toBeNull();
    expect(settings.get()).toEqual({ theme: 'dark', language: 'en' });
    await settings.update({ language: 'zh-CN', fontSize: 20 } as Partial<Settings>);
    expect(await onDisk()).toEqual({ version: 1, theme: 'dark', language: 'zh-CN' });
  });

  it('uses the defaults with a warning when the file is not JSON', async () => {
    await write('{"theme": "dark"');
    const { settings, warning } = await open('zh-CN');
    expect(settings.get()).toEqual({ theme: 'system', language: 'zh-CN' });
    expect(warning).toBe(`The settings file ${file()} is not valid JSON; using the default settings.`);
  });

  it('rejects an invalid update with the message to show, and changes nothing', async () => {
    const { settings } = await open();
    await expect(settings.update({ theme: 'blue' } as unknown as Partial<Settings>))
      .rejects.toThrow(new SettingsError('Invalid setting "theme": expected "system", "light" or "dark", got "blue".'));
    await expect(settings.update({ theme: 'dark', language: 'fr' } as unknown as Partial<Settings>))
      .rejects.toThrow('Invalid setting "language": expected "en" or "zh-CN", got "fr".');
    expect(settings.get()).toEqual({ theme: 'system', language: 'en' });
    await expect(fs.stat(file())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('tells subscribers the new and previous settings when a setting changes, and only then', async () => {
    const { settings } = await open();
    const seen: [Settings, Settings][] = [];
    const unsubscribe = settings.subscribe((next, previous) => seen.push([next, previous]));
    await settings.update({ theme: 'light' });
    await settings.update({ theme: 'light' });
    await settings.update({});
    unsubscribe();
    await settings.update({ theme: 'dark' });
    expect(seen).toEqual([[{ theme: 'light', language: 'en' }, { theme: 'system', language: 'en' }]]);
  });

  it('does not save when nothing changes', async () => {
    const { settings } = await open();
    await settings.update({ theme: 'system', language: 'en' });
    await expect(fs.stat(file())).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('returns a copy, so changing it does not change the settings', async () => {
    const { settings } = await open();
    const copy = settings.get();
    copy.theme = 'dark';
    expect(settings.get().theme).toBe('system');
  });

  it('rejects with the save error to show, keeping the new settings in memory and the old file', async () => {
    await write(serializeSettings({ theme: 'light', language: 'en' }));
    const { settings } = await open('en', fsWith('EACCES'));
    await expect(settings.update({ theme: 'dark' })).rejects.toThrow(`Cannot save "settings.json": permission denied in ${join(dir, 'data')}.`);
    expect(settings.get().theme).toBe('dark');
    expect(await onDisk()).toEqual({ version: 1, theme: 'light', language: 'en' });
  });

  it('saves the last settings when updates follow each other without waiting', async () => {
    const { settings } = await open();
    await Promise.all([settings.update({ theme: 'dark' }), settings.update({ language: 'zh-CN' }), settings.update({ theme: 'light' })]);
    expect(await onDisk()).toEqual({ version: 1, theme: 'light', language: 'zh-CN' });
  });
});

describe('parseSettings', () => {
  it.each([
    ['an array', '[]'],
    ['null', 'null'],
    ['a string', '"dark"'],
  ])('gives the defaults with a warning for %s', (_case, text) => {
    expect(parseSettings(text, 'en', '/d/settings.json')).toEqual({
      settings: defaultSettings('en'),
      warning: 'The settings file /d/settings.json does not hold an object; using the default settings.',
    });
  });

  it('keeps the valid settings and names each invalid one in the warning', () => {
    expect(parseSettings(JSON.stringify({ theme: 'light', language: 'fr' }), 'zh-CN', '/d/settings.json')).toEqual({
      settings: { theme: 'light', language: 'zh-CN' },
      warning: 'In the settings file /d/settings.json, "language" should be "en" or "zh-CN", not "fr", so it is "zh-CN".',
    });
    expect(parseSettings(JSON.stringify({ theme: 3, language: null }), 'en', '/d/settings.json').warning).toBe(
      'In the settings file /d/settings.json, "theme" should be "system", "light" or "dark", not 3, so it is "system"; '
      + '"language" should be "en" or "zh-CN", not null, so it is "en".',
    );
  });

  it('gives the defaults without a warning when there is no file', () => {
    expect(parseSettings(null, 'zh', 'x')).toEqual({ settings: { theme: 'system', language: 'zh-CN' }, warning: null });
  });
});
