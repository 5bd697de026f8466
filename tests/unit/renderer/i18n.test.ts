import { describe, expect, it } from 'vitest';
import { messages, preferredLanguage } from '../../../renderer/src/i18n';

/** Every key path of a message tree, e.g. `app.views.data`. */
function keys(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

/** The `{placeholders}` of a message. */
const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();

/** Names and abbreviations written the same in both languages. */
const TECHNICAL_TERMS = /^(Backprop Studio|CSV|ONNX|ReLU|tanh|sigmoid|softmax|RMSE|MAE|AUC|ROC|JavaScript|Python|TF\.js|NumPy|Adam|AdamW|RMSprop|SGD|Nesterov|WebAssembly SIMD)$/i;

function leaf(tree: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown>)[k], tree);
}

describe('UI strings', () => {
  it('exist in English and 简体中文 with the same keys', () => {
    expect(keys(messages['zh-CN']).sort()).toEqual(keys(messages.en).sort());
  });

  it('have the same placeholders in both languages, and no empty string', () => {
    for (const path of keys(messages.en)) {
      const en = leaf(messages.en, path);
      const zh = leaf(messages['zh-CN'], path);
      expect(typeof en, path).toBe('string');
      expect((en as string).length, path).toBeGreaterThan(0);
      expect((zh as string).length, path).toBeGreaterThan(0);
      expect(placeholders(zh as string), path).toEqual(placeholders(en as string));
    }
  });

  it('the Chinese messages are written in Chinese (not English left untranslated), except names', () => {
    const untranslated = keys(messages.en).filter((path) => {
      const en = leaf(messages.en, path) as string;
      const zh = leaf(messages['zh-CN'], path) as string;
      return /[a-z]{4,}/i.test(en) && en === zh && !TECHNICAL_TERMS.test(en);
    });
    expect(untranslated).toEqual([]);
  });

  it('follows the browser language: Chinese first → 简体中文, anything else → English', () => {
    expect(preferredLanguage(['zh-CN', 'en'])).toBe('zh-CN');
    expect(preferredLanguage(['zh-TW'])).toBe('zh-CN');
    expect(preferredLanguage(['en-GB', 'zh-CN'])).toBe('en');
    expect(preferredLanguage([])).toBe('en');
  });
});
