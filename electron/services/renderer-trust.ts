/**
 * Which pages count as "the studio window": the app's own `index.html`, or in
 * development the Vite dev server on a loopback address. Every IPC handler
 * and every navigation is checked against this.
 */

/** Where the trusted renderer is loaded from. */
export interface RendererTrust {
  /** `file://` URL of the built `renderer/index.html`. */
  readonly indexFileUrl: string;
  /** Origin of the dev server, only while developing (never in a packaged app). */
  readonly devServerOrigin?: string;
}

/** Inputs of {@link rendererTrust}. */
export interface RendererTrustArgs {
  /** `app.isPackaged`: a packaged app never trusts a dev server. */
  isPackaged: boolean;
  /** `file://` URL of the built `index.html`. */
  indexFileUrl: string;
  /** `process.env.ELECTRON_RENDERER_URL`, set by `electron-vite dev`. */
  devServerUrl: string | undefined;
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Decides what the main process trusts. A dev server is trusted only when the
 * app is not packaged and the server is plain HTTP(S) on a loopback address.
 */
export function rendererTrust({ isPackaged, indexFileUrl, devServerUrl }: RendererTrustArgs): RendererTrust {
  if (isPackaged || devServerUrl === undefined || devServerUrl === '') return { indexFileUrl };
  let url: URL;
  try {
    url = new URL(devServerUrl);
  } catch {
    throw new Error(`ELECTRON_RENDERER_URL must be a URL such as http://localhost:5173, got "${devServerUrl}"`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !LOOPBACK_HOSTS.has(url.hostname)) {
    throw new Error(
      `ELECTRON_RENDERER_URL must point at a dev server on this machine (localhost, 127.0.0.1 or [::1]), got "${devServerUrl}"`,
    );
  }
  return { indexFileUrl, devServerOrigin: url.origin };
}

/** The URL the window loads first. */
export function rendererEntryUrl(trust: RendererTrust): string {
  return trust.devServerOrigin === undefined ? trust.indexFileUrl : `${trust.devServerOrigin}/`;
}

/** True when `url` is a page of the studio itself (query and hash ignored). */
export function isTrustedRendererUrl(url: string | undefined, trust: RendererTrust): boolean {
  if (url === undefined || url === '') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') {
    const index = new URL(trust.indexFileUrl);
    return parsed.host === index.host && parsed.pathname === index.pathname;
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
    return trust.devServerOrigin !== undefined && parsed.origin === trust.devServerOrigin;
  }
  return false;
}

/** The message an IPC call from a foreign page is refused with. */
export function untrustedSenderMessage(channel: string, url: string | undefined): string {
  const from = url === undefined || url === '' ? 'an unknown frame' : url;
  return `Refused "${channel}" from ${from}: only the Backprop Studio window may call it.`;
}

/**
 * Whether the window may navigate to `url`: only to the studio itself
 * (a reload). Everything else — links, drag-and-dropped files, redirects — is
 * refused.
 */
export function isNavigationAllowed(url: string, trust: RendererTrust): boolean {
  return isTrustedRendererUrl(url, trust);
}
