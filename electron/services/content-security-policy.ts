/**
 * The studio's Content-Security-Policy, one source for both deliveries: the
 * response header main adds to every response of the session, and the
 * `<meta>` tag in `renderer/index.html` (which is what applies to `file://`
 * pages, where no response headers exist). Never `'unsafe-eval'`.
 */

/** `production`: the built app. `development`: the Vite dev server with hot reload. */
export type CspMode = 'production' | 'development';

/** `header`: an HTTP response header. `meta`: an `<meta http-equiv>` tag. */
export type CspDelivery = 'header' | 'meta';

/** Inputs of {@link contentSecurityPolicy}. */
export interface CspArgs {
  mode: CspMode;
  delivery: CspDelivery;
}

/** Directive name -> sources, in the order they are written out. */
export type CspDirectives = ReadonlyArray<readonly [directive: string, sources: readonly string[]]>;

/** The directives of the policy, before they are joined into a string. */
export function cspDirectives({ mode, delivery }: CspArgs): CspDirectives {
  const dev = mode === 'development';
  const directives: Array<readonly [string, readonly string[]]> = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    // Vite's dev server injects <style> elements for hot reload; built CSS is a file.
    ['style-src', dev ? ["'self'", "'unsafe-inline'"] : ["'self'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    // The dev server's hot-reload WebSocket lives on a loopback port.
    ['connect-src', dev ? ["'self'", 'ws://localhost:*', 'ws://127.0.0.1:*'] : ["'self'"]],
    // The engine runs in a module Web Worker bundled as a file of the app.
    ['worker-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
  ];
  // Browsers ignore frame-ancestors in a <meta> tag (and warn about it).
  if (delivery === 'header') directives.push(['frame-ancestors', ["'none'"]]);
  return directives;
}

/** The policy as the value of a header or of a meta tag's `content`. */
export function contentSecurityPolicy(args: CspArgs): string {
  return cspDirectives(args)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');
}
