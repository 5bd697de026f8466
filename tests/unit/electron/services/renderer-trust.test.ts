import { describe, expect, it } from 'vitest';
import {
  isNavigationAllowed,
  isTrustedRendererUrl,
  rendererEntryUrl,
  rendererTrust,
  untrustedSenderMessage,
} from '../../../../electron/services/renderer-trust';

const INDEX = 'file:///opt/Backprop%20Studio/resources/app/out/renderer/index.html';
const packaged = rendererTrust({ isPackaged: true, indexFileUrl: INDEX, devServerUrl: 'http://localhost:5173' });
const dev = rendererTrust({ isPackaged: false, indexFileUrl: INDEX, devServerUrl: 'http://localhost:5173/' });

describe('rendererTrust', () => {
  it('ignores a dev server URL in a packaged app', () => {
    expect(packaged).toStrictEqual({ indexFileUrl: INDEX });
    expect(rendererEntryUrl(packaged)).toBe(INDEX);
  });

  it('trusts a loopback dev server while developing and loads it first', () => {
    expect(dev).toStrictEqual({ indexFileUrl: INDEX, devServerOrigin: 'http://localhost:5173' });
    expect(rendererEntryUrl(dev)).toBe('http://localhost:5173/');
  });

  it('refuses a dev server on another machine', () => {
    expect(() =>
      rendererTrust({ isPackaged: false, indexFileUrl: INDEX, devServerUrl: 'http://192.0.2.7:5173' }),
    ).toThrow(
      'ELECTRON_RENDERER_URL must point at a dev server on this machine (localhost, 127.0.0.1 or [::1]), got "http://192.0.2.7:5173"',
    );
  });

  it('refuses a dev server URL that is not a URL', () => {
    expect(() => rendererTrust({ isPackaged: false, indexFileUrl: INDEX, devServerUrl: 'localhost' })).toThrow(
      'ELECTRON_RENDERER_URL must be a URL such as http://localhost:5173, got "localhost"',
    );
  });
});

describe('isTrustedRendererUrl', () => {
  it.each([
    ['the app index.html', INDEX, true],
    ['the app index.html with a hash route', `${INDEX}#/train`, true],
    ['another file on disk', 'file:///etc/passwd', false],
    ['a file next to index.html', 'file:///opt/Backprop%20Studio/resources/app/out/renderer/evil.html', false],
    ['the dev server while packaged', 'http://localhost:5173/', false],
    ['a web page', 'https://example.com/', false],
    ['about:blank', 'about:blank', false],
    ['an empty URL', '', false],
    ['no URL (destroyed frame)', undefined, false],
    ['garbage', 'not a url', false],
  ])('packaged: %s -> %s', (_title, url, expected) => {
    expect(isTrustedRendererUrl(url, packaged)).toBe(expected);
  });

  it.each([
    ['the dev server', 'http://localhost:5173/', true],
    ['a dev server module', 'http://localhost:5173/src/main.ts', true],
    ['the dev server on another port', 'http://localhost:5174/', false],
    ['the dev server over another scheme', 'https://localhost:5173/', false],
    ['127.0.0.1 (a different origin)', 'http://127.0.0.1:5173/', false],
    ['a foreign origin', 'https://evil.example/', false],
  ])('developing: %s -> %s', (_title, url, expected) => {
    expect(isTrustedRendererUrl(url, dev)).toBe(expected);
  });
});

describe('untrustedSenderMessage', () => {
  it('names the channel and the foreign page', () => {
    expect(untrustedSenderMessage('app:info', 'https://evil.example/')).toBe(
      'Refused "app:info" from https://evil.example/: only the Backprop Studio window may call it.',
    );
  });

  it('says so when the frame is gone', () => {
    expect(untrustedSenderMessage('app:info', undefined)).toBe(
      'Refused "app:info" from an unknown frame: only the Backprop Studio window may call it.',
    );
  });
});

describe('isNavigationAllowed', () => {
  it.each([
    ['a reload of the studio', INDEX, true],
    ['a link to the web', 'https://example.com/', false],
    ['a dropped CSV file', 'file:///home/ada/iris.csv', false],
    ['a javascript: URL', 'javascript:alert(1)', false],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>', false],
  ])('%s -> %s', (_title, url, expected) => {
    expect(isNavigationAllowed(url, packaged)).toBe(expected);
  });
});
