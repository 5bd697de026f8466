import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { inflateSync } from 'node:zlib';
import { renderIcon } from '../../../build/scripts/make-icon.mjs';

// `npm run dist` cannot run here (electron-builder downloads Electron and the
// platform tools), so this checks its configuration instead.

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CONFIG_PATH = join(ROOT, 'build', 'electron-builder.yml');

interface TargetEntry {
  target: string;
  arch?: string[];
}
interface FileAssociation {
  ext: string | string[];
  name?: string;
  role?: string;
  mimeType?: string;
}
interface BuilderConfig {
  appId?: string;
  productName?: string;
  icon?: string;
  files?: string[];
  extraMetadata?: { main?: string };
  directories?: { output?: string; buildResources?: string };
  fileAssociations?: FileAssociation[];
  mac?: { target?: (string | TargetEntry)[]; icon?: string };
  win?: { target?: (string | TargetEntry)[]; icon?: string };
  linux?: { target?: (string | TargetEntry)[]; icon?: string };
  [key: string]: unknown;
}

const config = parse(readFileSync(CONFIG_PATH, 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  productName: string;
  main: string;
  scripts: Record<string, string>;
};

const targetNames = (targets: (string | TargetEntry)[] | undefined): string[] =>
  (targets ?? []).map((t) => (typeof t === 'string' ? t : t.target));

/** Width and height from a PNG's IHDR chunk (the first chunk after the signature). */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** A path in the configuration as electron-builder resolves it: build resources first, then the project. */
function resolveResource(path: string): string {
  const inResources = join(ROOT, config.directories?.buildResources ?? 'build', path);
  return existsSync(inResources) ? inResources : join(ROOT, path);
}

describe('build/electron-builder.yml', () => {
  it("matches electron-builder's own configuration schema", async () => {
    // The same validation `electron-builder` runs before building
    // (app-builder-lib's scheme.json, through its ajv), reached through the
    // electron-builder package this project depends on.
    const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
    const { validateConfiguration } = requireFromBuilder('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    const logger = { isEnabled: false, add: () => undefined };
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
    // ... and the validation does reject a misspelt option.
    await expect(validateConfiguration({ ...config, linux: { ...config.linux, tagret: ['deb'] } }, logger)).rejects.toThrow(
      /configuration\.linux/,
    );
  });

  it('names the app like package.json', () => {
    expect(config.appId).toBe('dev.backprop.studio');
    expect(config.productName).toBe(pkg.productName);
  });

  it('builds AppImage and deb on Linux, NSIS on Windows, dmg on macOS', () => {
    expect(targetNames(config.linux?.target)).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(targetNames(config.win?.target)).toEqual(expect.arrayContaining(['nsis']));
    expect(targetNames(config.mac?.target)).toEqual(expect.arrayContaining(['dmg']));
  });

  it('packages the built app (out/) and package.json, whose main points into out/', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect(pkg.main.startsWith('out/')).toBe(true);
    expect(config.extraMetadata?.main ?? pkg.main).toBe(pkg.main);
  });

  it('has an app icon: a PNG of at least 512×512, and the Linux set', () => {
    expect(config.icon).toBeDefined();
    const icon = resolveResource(config.icon as string);
    expect(existsSync(icon)).toBe(true);
    const { width, height } = pngSize(icon);
    expect(width).toBeGreaterThanOrEqual(512);
    expect(width).toBe(height);

    const linuxIcons = resolveResource(config.linux?.icon ?? 'icons');
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      expect(pngSize(join(linuxIcons, `${size}x${size}.png`))).toEqual({ width: size, height: size });
    }
  });

  it('keeps the committed icons in step with build/scripts/make-icon.mjs', () => {
    // Decodes the committed 64×64 icon (one IDAT, Sub filter on every row:
    // what make-icon.mjs writes) and compares it with a fresh rendering,
    // allowing a unit of rounding per channel.
    const size = 64;
    const bytes = readFileSync(resolveResource(join(config.linux?.icon ?? 'icons', `${size}x${size}.png`)));
    const idatLength = bytes.readUInt32BE(33);
    expect(bytes.toString('latin1', 37, 41)).toBe('IDAT');
    const raw = inflateSync(bytes.subarray(41, 41 + idatLength));
    const stride = size * 4;
    const committed = new Uint8Array(size * stride);
    for (let y = 0; y < size; y++) {
      expect(raw[y * (stride + 1)]).toBe(1);
      for (let i = 0; i < stride; i++) {
        const left = i >= 4 ? (committed[y * stride + i - 4] as number) : 0;
        committed[y * stride + i] = ((raw[y * (stride + 1) + 1 + i] as number) + left) & 0xff;
      }
    }
    const fresh = renderIcon(size);
    let worst = 0;
    for (let i = 0; i < fresh.length; i++) worst = Math.max(worst, Math.abs((fresh[i] as number) - (committed[i] as number)));
    expect(worst, 'run `node build/scripts/make-icon.mjs` to regenerate the icons').toBeLessThanOrEqual(1);
  });

  it('associates .bpstudio project files with the app', () => {
    const association = config.fileAssociations?.find((a) => [a.ext].flat().includes('bpstudio'));
    expect(association).toMatchObject({
      name: 'Backprop Studio Project',
      role: 'Editor',
      mimeType: 'application/x-bpstudio',
    });
  });

  it('is what `npm run dist` builds', () => {
    expect(pkg.scripts['dist']).toBe('electron-vite build && electron-builder --config build/electron-builder.yml');
  });
});
