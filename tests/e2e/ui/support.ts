/**
 * Helpers of the browser end-to-end tests: a real drop of a file on the
 * window (a DataTransfer carrying a File, dispatched as dragover + drop), and
 * screenshots of views into docs/screenshots/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

export const ROOT = join(import.meta.dirname, '../../..');
export const SCREENSHOTS = join(ROOT, 'docs/screenshots');

/** Drops a file with these bytes on the studio window, as the OS would. */
export async function dropFile(page: Page, name: string, content: string | Uint8Array, type = 'text/csv'): Promise<void> {
  const bytes = Array.from(typeof content === 'string' ? new TextEncoder().encode(content) : content);
  const dataTransfer = await page.evaluateHandle(({ name, bytes, type }) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(bytes)], name, { type }));
    return transfer;
  }, { name, bytes, type });
  await page.dispatchEvent('.frame', 'dragover', { dataTransfer });
  await page.dispatchEvent('.frame', 'drop', { dataTransfer });
}

/** Drops a file of the repository (e.g. `examples/iris.csv`). */
export async function dropRepoFile(page: Page, path: string): Promise<void> {
  await dropFile(page, path.split('/').pop() ?? path, readFileSync(join(ROOT, path)));
}

/** Saves a screenshot of the whole window as docs/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}
