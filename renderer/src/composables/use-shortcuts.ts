/**
 * Keyboard shortcuts of the page. Ctrl (⌘ on macOS) with a digit switches
 * views everywhere; the others (open, undo, redo) are handled here only in
 * the web edition — on the desktop the native menu owns those accelerators
 * and sends its commands instead.
 */
import { onBeforeUnmount, onMounted } from 'vue';

export interface Shortcut {
  /** `KeyboardEvent.key`, lower-case for letters. */
  key: string;
  mod?: boolean;
  shift?: boolean;
  /** Whether the shortcut also fires while typing in a field (default false). */
  inFields?: boolean;
  run(): void;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Whether `event` matches `shortcut`. */
export function matches(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, shortcut: Shortcut, mac = isMac): boolean {
  const mod = mac ? event.metaKey : event.ctrlKey;
  return event.key.toLowerCase() === shortcut.key && mod === (shortcut.mod ?? false) && event.shiftKey === (shortcut.shift ?? false) && !event.altKey;
}

export function useShortcuts(shortcuts: () => readonly Shortcut[]): void {
  const onKey = (event: KeyboardEvent): void => {
    for (const shortcut of shortcuts()) {
      if (!matches(event, shortcut)) continue;
      if (!shortcut.inFields && typing(event.target)) return;
      event.preventDefault();
      shortcut.run();
      return;
    }
  };
  onMounted(() => window.addEventListener('keydown', onKey));
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey));
}
