/**
 * File-system failures in words: the system error code of a thrown error,
 * its reason without a final period, and the phrase a user reads for the
 * common causes ("the file does not exist (…)", "permission denied").
 */

/** The system error code (`ENOENT`, `EACCES`...) of a thrown value, if any. */
export function errnoOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** The message of a thrown value, without a final period (it goes inside a sentence). */
export function reasonOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
}

/** Why a file cannot be opened, as a phrase: by error code, or the system's reason. */
export function openProblem(error: unknown): string {
  switch (errnoOf(error)) {
    case 'ENOENT': return 'the file does not exist (it may have been moved, renamed or deleted)';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'it is a folder, not a file';
    default: return reasonOf(error);
  }
}
