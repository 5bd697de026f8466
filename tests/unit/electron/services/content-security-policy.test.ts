import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  cspDirectives,
  type CspArgs,
} from '../../../../electron/services/content-security-policy';

const ALL: CspArgs[] = [
  { mode: 'production', delivery: 'header' },
  { mode: 'production', delivery: 'meta' },
  { mode: 'development', delivery: 'header' },
  { mode: 'development', delivery: 'meta' },
];

function sourcesOf(args: CspArgs, directive: string): readonly string[] | undefined {
  return cspDirectives(args).find(([name]) => name === directive)?.[1];
}

describe('contentSecurityPolicy', () => {
  it.each(ALL)('never allows eval ($mode, $delivery)', (args) => {
    expect(contentSecurityPolicy(args)).not.toContain('unsafe-eval');
  });

  it.each(ALL)("starts from default-src 'none' and allows scripts only from the app ($mode, $delivery)", (args) => {
    expect(sourcesOf(args, 'default-src')).toEqual(["'none'"]);
    expect(sourcesOf(args, 'script-src')).toEqual(["'self'"]);
    expect(sourcesOf(args, 'object-src')).toEqual(["'none'"]);
    expect(sourcesOf(args, 'base-uri')).toEqual(["'none'"]);
  });

  it.each(['header', 'meta'] as const)('allows no inline code at all in production (%s)', (delivery) => {
    expect(contentSecurityPolicy({ mode: 'production', delivery })).not.toContain('unsafe-inline');
  });

  it('relaxes only inline styles and the hot-reload socket in development', () => {
    const dev = { mode: 'development', delivery: 'header' } as const;
    expect(sourcesOf(dev, 'style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(sourcesOf(dev, 'connect-src')).toEqual(["'self'", 'ws://localhost:*', 'ws://127.0.0.1:*']);
  });

  it('sends frame-ancestors only as a header, where browsers honour it', () => {
    expect(contentSecurityPolicy({ mode: 'production', delivery: 'header' })).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy({ mode: 'production', delivery: 'meta' })).not.toContain('frame-ancestors');
  });

  it('is the exact policy of the meta tag in renderer/index.html', () => {
    const html = readFileSync(new URL('../../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(contentSecurityPolicy({ mode: 'production', delivery: 'meta' }));
  });
});
