/**
 * Every string of the UI, in English and 简体中文 (vue-i18n, composition
 * mode). Each area has its own message file per language (`en/data.ts`,
 * `zh-CN/data.ts`, ...); a test checks that both languages have the same keys.
 */
import { createI18n } from 'vue-i18n';
import enApp from './en/app';
import enData from './en/data';
import enEvaluate from './en/evaluate';
import enExport from './en/export';
import enLearn from './en/learn';
import enNetwork from './en/network';
import enTrain from './en/train';
import zhApp from './zh-CN/app';
import zhData from './zh-CN/data';
import zhEvaluate from './zh-CN/evaluate';
import zhExport from './zh-CN/export';
import zhLearn from './zh-CN/learn';
import zhNetwork from './zh-CN/network';
import zhTrain from './zh-CN/train';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Language names in their own language. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };

export const messages = {
  en: { app: enApp, data: enData, network: enNetwork, train: enTrain, evaluate: enEvaluate, export: enExport, learn: enLearn },
  'zh-CN': { app: zhApp, data: zhData, network: zhNetwork, train: zhTrain, evaluate: zhEvaluate, export: zhExport, learn: zhLearn },
};

export type MessageSchema = (typeof messages)['en'];

export function createStudioI18n(language: Language) {
  return createI18n<[MessageSchema], Language, false>({
    legacy: false,
    locale: language,
    fallbackLocale: 'en',
    messages: messages as unknown as Record<Language, MessageSchema>,
    missingWarn: false,
    fallbackWarn: false,
  });
}

/** Our language for the browser's first preferred one: Chinese → 简体中文, anything else → English. */
export function preferredLanguage(languages: readonly string[]): Language {
  return /^zh([-_]|$)/i.test(languages[0] ?? '') ? 'zh-CN' : 'en';
}
