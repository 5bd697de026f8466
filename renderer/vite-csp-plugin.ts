import type { Plugin } from 'vite';
import { contentSecurityPolicy } from '../electron/services/content-security-policy.ts';

/** Matches the CSP meta tag of index.html and captures its policy. */
const CSP_META = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/;

/**
 * Keeps the `<meta>` Content-Security-Policy of `renderer/index.html` honest.
 * In a build it checks that the tag holds exactly the production policy (and
 * fails the build otherwise); on the dev server it swaps in the development
 * policy, which Vite's hot reload needs.
 */
export function studioCspPlugin(): Plugin {
  return {
    name: 'backprop-studio:csp',
    transformIndexHtml: {
      order: 'pre',
      handler(html, context) {
        const match = CSP_META.exec(html);
        if (match === null) {
          throw new Error('renderer/index.html: expected a <meta http-equiv="Content-Security-Policy"> tag, found none');
        }
        const production = contentSecurityPolicy({ mode: 'production', delivery: 'meta' });
        if (match[2] !== production) {
          throw new Error(
            `renderer/index.html: the CSP meta tag must equal the production policy\n  expected: ${production}\n  found:    ${match[2] ?? ''}`,
          );
        }
        if (context.server === undefined) return html;
        const development = contentSecurityPolicy({ mode: 'development', delivery: 'meta' });
        return html.replace(CSP_META, `$1${development}$3`);
      },
    },
  };
}
