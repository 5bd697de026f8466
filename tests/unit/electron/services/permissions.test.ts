import { describe, expect, it } from 'vitest';
import { GRANTED_PERMISSIONS, isPermissionGranted } from '../../../../electron/services/permissions';

describe('isPermissionGranted', () => {
  it('grants nothing', () => {
    expect(GRANTED_PERMISSIONS).toEqual([]);
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown'])(
    'refuses %s',
    (permission) => {
      expect(isPermissionGranted(permission)).toBe(false);
    },
  );
});
