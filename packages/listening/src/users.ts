import type { PlexUserRow } from '@autoalex/db';
import type { UserRef } from './types.ts';

export function toUserRef(user: PlexUserRow): UserRef {
  return {
    plexUserId: user.plexUserId,
    name: user.friendlyName?.trim() || user.username,
    username: user.username,
  };
}
