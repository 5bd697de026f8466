/**
 * Web permissions (camera, microphone, geolocation, notifications, ...)
 * the studio grants to its pages. It needs none: the list is empty and every
 * request and check is refused. Add a permission here only with a reason.
 */
export const GRANTED_PERMISSIONS: readonly string[] = [];

/** Whether a page may have `permission` (Electron's permission name). */
export function isPermissionGranted(permission: string): boolean {
  return GRANTED_PERMISSIONS.includes(permission);
}
