import { readFileSync } from 'node:fs';
import type { IndexHtmlTransformContext, ViteDevServer } from 'vite';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/services/content-security-policy';
import { studioCspPlugin } from '../../../renderer/vite-csp-plugin';

const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');

function transform(source: string, server: boolean): unknown {
  const hook = studioCspPlugin().transformIndexHtml;
  if (hook === undefined || typeof hook === 'function') throw new Error('expected an object hook with a handler');
  const context = {
    path: '/index.html',
    filename: 'index.html',
    ...(server ? { server: {} as ViteDevServer } : {}),
  } as IndexHtmlTransformContext;
  return hook.handler.call({} as never, source, context);
}

describe('studioCspPlugin', () => {
  it('keeps the production policy in a build', () => {
    expect(transform(html, false)).toBe(html);
  });

  it('swaps in the development policy on the dev server', () => {
    const served = transform(html, true);
    expect(served).toContain(`content="${contentSecurityPolicy({ mode: 'development', delivery: 'meta' })}"`);
    expect(served).not.toContain(`content="${contentSecurityPolicy({ mode: 'production', delivery: 'meta' })}"`);
  });

  it('fails a build whose meta tag drifted from the policy', () => {
    const drifted = html.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'");
    expect(() => transform(drifted, false)).toThrow(
      'renderer/index.html: the CSP meta tag must equal the production policy',
    );
  });

  it('fails a build without a CSP meta tag', () => {
    expect(() => transform('<html><head></head></html>', false)).toThrow(
      'renderer/index.html: expected a <meta http-equiv="Content-Security-Policy"> tag, found none',
    );
  });
});
