import { describe, expect, it } from 'vitest';
import { interactionJob } from '../../test/support/fake-deps.ts';
import { actorOf, attachmentSizeLimitOf } from './interaction.ts';

describe('actorOf', () => {
  const withPermissions = (permissions: unknown) =>
    actorOf(interactionJob({ member: { user: { id: '1300000000000000004' }, permissions } }).interaction);

  it('counts ADMINISTRATOR or MANAGE_GUILD as admin, anything else not', () => {
    expect(withPermissions(String(1 << 3)).isAdmin).toBe(true);
    expect(withPermissions(String(1 << 5)).isAdmin).toBe(true);
    expect(withPermissions('2199023255551').isAdmin).toBe(true); // every permission
    expect(withPermissions(String(1 << 4)).isAdmin).toBe(false);
    expect(withPermissions('8x').isAdmin).toBe(false);
    expect(withPermissions(8).isAdmin).toBe(false);
    expect(withPermissions(undefined).isAdmin).toBe(false);
  });

  it('reads the user from member.user in a guild and from user in a DM', () => {
    expect(withPermissions('0')).toMatchObject({ userId: '1300000000000000004', guildId: '1300000000000000002' });
    const dm = actorOf(
      interactionJob({ guild_id: undefined, member: undefined, user: { id: '1300000000000000007', username: 'x' } })
        .interaction,
    );
    expect(dm).toEqual({
      userId: '1300000000000000007',
      username: 'x',
      guildId: undefined,
      channelId: '1300000000000000003',
      isAdmin: false,
    });
  });

  it('falls back to the old 10 MiB upload limit when the interaction has none', () => {
    expect(attachmentSizeLimitOf(interactionJob({}).interaction)).toBe(10 * 1024 * 1024);
    expect(attachmentSizeLimitOf(interactionJob({ attachment_size_limit: 26_214_400 }).interaction)).toBe(26_214_400);
  });
});
