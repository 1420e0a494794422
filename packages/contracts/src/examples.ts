import type { JobInput, JobName, QueueName } from './queues.ts';

// A valid payload for every job of every queue, for tests here and in the services
// (import from '@autoalex/contracts/examples'). Ids are realistic but made up.

export const ids = {
  guild: '613425648685547541',
  channel: '613425648685547544',
  voiceChannel: '613425648685547545',
  message: '1290000000000000001',
  user: '155149108183695360',
  application: '1288111111111111111',
  interaction: '1300000000000000001',
  correlation: 'c8e3b1a4-3f1e-4b6e-9a51-2b8d1f0c7e11',
  generation: '0f8fad5b-d9cb-469f-a165-70867728950e',
  song: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  consoleSession: '4b3c2d1e-0f9a-4b8c-8d7e-6f5a4b3c2d1e',
} as const;

export const exampleMeta = {
  correlationId: ids.correlation,
  requestedBy: ids.user,
  guildId: ids.guild,
  createdAt: 1_790_000_000_000,
};

export const exampleReply = {
  kind: 'discord' as const,
  applicationId: ids.application,
  interactionToken: 'aW50ZXJhY3Rpb246MTMwMDAwMDAwMDAwMDAwMDAwMTpleGFtcGxl',
  channelId: ids.channel,
  attachmentSizeLimit: 20 * 1024 * 1024,
  tokenExpiresAt: 1_790_000_900_000,
};

type Examples = { [Q in QueueName]: { [N in JobName<Q>]: JobInput<Q, N> } };

export const examples: Examples = {
  interactions: {
    interaction: {
      interaction: {
        id: ids.interaction,
        application_id: ids.application,
        type: 2,
        token: exampleReply.interactionToken,
        version: 1,
        guild_id: ids.guild,
        channel_id: ids.channel,
        data: { id: '1288222222222222222', name: 'remix', type: 1 },
        attachment_size_limit: 20 * 1024 * 1024,
      },
      receivedAt: 1_790_000_000_000,
      source: 'gateway',
      meta: exampleMeta,
    },
  },
  'gateway-send': {
    'voice-state': {
      guildId: ids.guild,
      payload: {
        op: 4,
        d: { guild_id: ids.guild, channel_id: ids.voiceChannel, self_mute: false, self_deaf: true },
      },
      meta: exampleMeta,
    },
  },
  'voice-events': {
    'voice-state-update': {
      guildId: ids.guild,
      data: {
        guild_id: ids.guild,
        channel_id: ids.voiceChannel,
        user_id: ids.application,
        session_id: '90326bd25d71d39b9ef95b299e3872ff',
        deaf: false,
        mute: false,
      },
      meta: exampleMeta,
    },
    'voice-server-update': {
      guildId: ids.guild,
      data: { guild_id: ids.guild, token: 'my_voice_token', endpoint: 'c-ams-1.discord.media:443' },
      meta: exampleMeta,
    },
  },
  remix: {
    remix: {
      source: { kind: 'plex-track', ratingKey: '48213' },
      stem: 'vocals',
      gainDb: -60,
      preset: 'karaoke',
      reply: exampleReply,
      meta: exampleMeta,
    },
  },
  suno: {
    generate: {
      generationId: ids.generation,
      ownerId: ids.user,
      mode: 'simple',
      prompt: 'a calm piano piece for a rainy Sunday',
      reply: exampleReply,
      meta: exampleMeta,
    },
    poll: { generationId: ids.generation, taskId: '5c79be8e2ddc4b3a', reply: exampleReply, meta: exampleMeta },
    callback: {
      taskId: '5c79be8e2ddc4b3a',
      stage: 'complete',
      body: {
        code: 200,
        msg: 'All generated successfully.',
        data: { callbackType: 'complete', task_id: '5c79be8e2ddc4b3a' },
      },
      receivedAt: 1_790_000_060_000,
      meta: exampleMeta,
    },
  },
  player: {
    join: { guildId: ids.guild, voiceChannelId: ids.voiceChannel, reply: exampleReply, meta: exampleMeta },
    play: {
      guildId: ids.guild,
      item: { kind: 'song', songId: ids.song },
      voiceChannelId: ids.voiceChannel,
      reply: exampleReply,
      meta: exampleMeta,
    },
    pause: { guildId: ids.guild, meta: exampleMeta },
    resume: { guildId: ids.guild, meta: exampleMeta },
    skip: { guildId: ids.guild, count: 2, meta: exampleMeta },
    loop: { guildId: ids.guild, mode: 'queue', meta: exampleMeta },
    playlast: { guildId: ids.guild, meta: exampleMeta },
    stop: { guildId: ids.guild, meta: exampleMeta },
    queue: { guildId: ids.guild, reply: exampleReply, meta: exampleMeta },
    volume: { guildId: ids.guild, percent: 80, meta: exampleMeta },
    leave: { guildId: ids.guild, meta: exampleMeta },
  },
  library: {
    'sync-full': { reason: 'schedule', meta: exampleMeta },
    'sync-incremental': { since: 1_789_990_000_000, meta: exampleMeta },
    'enrich-credits': { albumRatingKey: 9120, meta: exampleMeta },
    'sync-top-rated': { userId: ids.user, meta: exampleMeta },
  },
  monitor: { 'check-now': { reply: exampleReply, meta: exampleMeta } },
};

export const exampleConsoleMessage = {
  sessionId: ids.consoleSession,
  interactionId: ids.interaction,
  kind: 'callback' as const,
  body: { type: 4, data: { content: 'pong' } },
  meta: exampleMeta,
};
