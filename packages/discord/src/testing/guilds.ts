import type { FakeGuildOptions } from './api.ts';
import type { FakeGuild, FakeUser, FakeVoiceState } from './shapes.ts';

/** The guilds a fake Discord starts with, and their voice states. */

export function upsertVoiceState(guild: FakeGuild, voiceState: FakeVoiceState): FakeVoiceState {
  guild.voiceStates = guild.voiceStates.filter((v) => v.user_id !== voiceState.user_id);
  if (voiceState.channel_id) guild.voiceStates.push(voiceState);
  return voiceState;
}

export function buildGuild(
  options: FakeGuildOptions,
  index: number,
  nextId: (at?: number) => string,
  now: () => number,
): FakeGuild {
  const id = options.id ?? nextId(now() - 86_400_000);
  const members: FakeUser[] = (options.members ?? [{}]).map((m, i) => ({
    id: m.id ?? nextId(),
    username: m.username ?? (i === 0 ? 'listener' : `listener${i + 1}`),
    global_name: m.global_name ?? null,
    ...(m.bot ? { bot: true } : {}),
  }));
  const channels = (
    options.channels ?? [
      { name: 'general', type: 0 },
      { name: 'Lounge', type: 2 },
    ]
  ).map((c) => ({ id: c.id ?? nextId(), name: c.name, type: c.type ?? 0, guildId: id }));
  return {
    id,
    name: options.name ?? (index === 0 ? 'Fake Guild' : `Fake Guild ${index + 1}`),
    ownerId: members[0]?.id ?? id,
    channels,
    members,
    voiceStates: [],
    joinedAt: new Date(now() - 86_400_000).toISOString(),
  };
}
