import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config, { CROSS_ORIGIN_ISOLATION } from '../../../renderer/vite.config';

describe('cross-origin isolation of the web edition', () => {
  it('is sent by the dev server and by vite preview', () => {
    const c = config as { server?: { headers?: Record<string, string> }; preview?: { headers?: Record<string, string> } };
    expect(CROSS_ORIGIN_ISOLATION).toEqual({ 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' });
    expect(c.server?.headers).toEqual(CROSS_ORIGIN_ISOLATION);
    expect(c.preview?.headers).toEqual(CROSS_ORIGIN_ISOLATION);
  });

  it('is declared for static hosts in public/_headers, with the same values', () => {
    const text = readFileSync(new URL('../../../renderer/public/_headers', import.meta.url), 'utf8');
    for (const [name, value] of Object.entries(CROSS_ORIGIN_ISOLATION)) expect(text).toContain(`  ${name}: ${value}`);
    expect(text).toMatch(/^\/\*$/m);
  });
});
