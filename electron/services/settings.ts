/**
 * The app's settings (theme and language), kept in `settings.json` in the
 * app's data folder. A missing setting takes its default: the theme follows
 * the system, the language follows the OS locale (`zh*` gives Simplified
 * Chinese, anything else English). An invalid setting also takes its default,
 * with a warning naming it; unknown keys are dropped; a file that is not JSON
 * gives all the defaults. Loading never throws.
 *
 * ```ts
 * const { settings, warning } = await openSettings({ file: join(userData, SETTINGS_FILE_NAME), locale: app.getLocale() });
 * if (warning) log.warn(warning);
 * settings.subscribe((next) => { nativeTheme.themeSource = next.theme; rebuildMenu(); });
 * ```
 */
import * as nodeFs from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { AtomicWriteError, writeFileAtomic, type AtomicWriteFs } from './atomic-write';
import { errnoOf, reasonOf } from './fs-errors';

/** Name of the file inside the data folder. */
export const SETTINGS_FILE_NAME = 'settings.json';

export const THEMES = ['system', 'light', 'dark'] as const;
/** `system` follows the OS's light or dark appearance (Electron's `nativeTheme.themeSource`). */
export type Theme = (typeof THEMES)[number];
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Every setting, each with a valid value. */
export interface Settings {
  theme: Theme;
  language: Language;
}

const SETTING_SCHEMAS = {
  theme: z.enum(THEMES),
  language: z.enum(LANGUAGES),
} satisfies { [K in keyof Settings]: z.ZodType<Settings[K]> };
const SETTING_KEYS = Object.keys(SETTING_SCHEMAS) as (keyof Settings)[];

/** `settings.json` as written (version 1). */
export interface SettingsFile extends Settings {
  version: 1;
}

/** The app language for an OS locale such as `zh-TW`, `zh_CN` or `en-GB`: Chinese locales give `zh-CN`. */
export function languageFromLocale(locale: string): Language {
  return /^zh([-_]|$)/i.test(locale) ? 'zh-CN' : 'en';
}

/** The settings of a first launch on a system with `locale`. */
export function defaultSettings(locale: string): Settings {
  return { theme: 'system', language: languageFromLocale(locale) };
}

/** The settings in `text` (null: no file), defaults filled in; `warning` says what was ignored, naming `file`. */
export function parseSettings(text: string | null, locale: string, file: string): { settings: Settings; warning: string | null } {
  const defaults = defaultSettings(locale);
  if (text === null) return { settings: defaults, warning: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { settings: defaults, warning: `The settings file ${file} is not valid JSON; using the default settings.` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { settings: defaults, warning: `The settings file ${file} does not hold an object; using the default settings.` };
  }
  const settings = { ...defaults };
  const problems: string[] = [];
  for (const key of SETTING_KEYS) {
    if (!(key in json)) continue;
    const value: unknown = (json as Record<string, unknown>)[key];
    const parsed = SETTING_SCHEMAS[key].safeParse(value);
    if (parsed.success) (settings as Record<keyof Settings, string>)[key] = parsed.data;
    else problems.push(`"${key}" should be ${expectedValues(key)}, not ${JSON.stringify(value) ?? String(value)}, so it is "${defaults[key]}"`);
  }
  const warning = problems.length === 0 ? null : `In the settings file ${file}, ${problems.join('; ')}.`;
  return { settings, warning };
}

/** The text saved for `settings`. */
export function serializeSettings(settings: Settings): string {
  const file: SettingsFile = { version: 1, theme: settings.theme, language: settings.language };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A setting that `update` refused; `message` is ready to show. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

/** What the settings use of `node:fs/promises`, besides what the atomic writer needs. */
export interface SettingsFs extends AtomicWriteFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
}

export interface SettingsArgs {
  /** Full path of `settings.json`; its folder is created on the first save. */
  file: string;
  /** The OS locale (Electron's `app.getLocale()`), for the default language. */
  locale: string;
  fs?: SettingsFs;
}

export interface SettingsStore {
  /** The current settings. */
  get(): Settings;
  /**
   * Changes the given settings and saves them atomically; unknown keys are dropped.
   * Rejects with a `SettingsError` for an invalid value (nothing changes), or an `AtomicWriteError`
   * when the save fails (the settings in memory are already the new ones).
   */
  update(partial: Partial<Settings>): Promise<void>;
  /** Calls `listener` after each change that alters a setting; returns the unsubscribe function. */
  subscribe(listener: (settings: Settings, previous: Settings) => void): () => void;
}

/** The settings read from `args.file`, and a warning to log when part or all of it was ignored. */
export interface OpenedSettings {
  settings: SettingsStore;
  warning: string | null;
}

/** Reads the settings from `args.file` (absent: defaults); never throws. */
export async function openSettings(args: SettingsArgs): Promise<OpenedSettings> {
  const fs = args.fs ?? nodeFs;
  let text: string | null = null;
  let readWarning: string | null = null;
  try {
    text = await fs.readFile(args.file, 'utf8');
  } catch (error) {
    if (errnoOf(error) !== 'ENOENT') {
      readWarning = `Cannot read the settings file ${args.file}: ${reasonOf(error)}; using the default settings.`;
    }
  }
  const { settings, warning } = parseSettings(text, args.locale, args.file);
  return { settings: createSettingsStore(settings, args.file, fs), warning: readWarning ?? warning };
}

function createSettingsStore(initial: Settings, file: string, fs: SettingsFs): SettingsStore {
  let current: Settings = initial;
  const listeners = new Set<(settings: Settings, previous: Settings) => void>();
  let pending: Promise<void> = Promise.resolve();

  return {
    get: () => ({ ...current }),
    async update(partial) {
      const next = { ...current };
      for (const key of SETTING_KEYS) {
        if (!(key in partial) || partial[key] === undefined) continue;
        const parsed = SETTING_SCHEMAS[key].safeParse(partial[key]);
        if (!parsed.success) {
          throw new SettingsError(`Invalid setting "${key}": expected ${expectedValues(key)}, got ${JSON.stringify(partial[key])}.`);
        }
        (next as Record<keyof Settings, string>)[key] = parsed.data;
      }
      if (SETTING_KEYS.every((key) => next[key] === current[key])) return pending;
      const previous = current;
      current = next;
      for (const listener of [...listeners]) listener({ ...next }, { ...previous });
      const text = serializeSettings(next);
      const save = pending.then(async () => {
        await fs.mkdir(dirname(file), { recursive: true }).catch(() => undefined); // a real failure shows in the write
        await writeFileAtomic(file, text, fs);
      });
      pending = save.catch(() => undefined);
      return save.catch((error: unknown) => Promise.reject(asSaveError(error)));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** E.g. `"system", "light" or "dark"`. */
function expectedValues(key: keyof Settings): string {
  const quoted = SETTING_SCHEMAS[key].options.map((value) => `"${value}"`);
  return quoted.length === 1 ? quoted[0] ?? '' : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

function asSaveError(error: unknown): AtomicWriteError {
  if (error instanceof AtomicWriteError) return error;
  return new AtomicWriteError(`Cannot save the settings: ${reasonOf(error)}.`, errnoOf(error), { cause: error });
}
