import { LOOP_MODES, PAGE, QUEUE_POSITIONS, SKIP, VOLUME } from '@autoalex/terms/player';
import { z } from 'zod';
import { plexRatingKey, snowflake, storageKey, uuid } from '../fields.ts';
import { meta } from '../meta.ts';
import { replyTarget } from '../reply.ts';

/** Something the player can queue: resolved to ids by the interactions service, never free text. */
export const playable = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plex-track'), ratingKey: plexRatingKey }),
  z.object({ kind: z.literal('plex-album'), ratingKey: plexRatingKey }),
  z.object({ kind: z.literal('song'), songId: uuid }),
  z.object({ kind: z.literal('playlist'), playlistId: uuid }),
  z.object({ kind: z.literal('file'), storageKey, title: z.string().min(1).max(200) }),
]);

/** Every player command names its guild and, when a person asked, where to answer. */
const command = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.object({ guildId: snowflake, reply: replyTarget.optional(), meta, ...shape });

export const playerJobs = {
  join: command({ voiceChannelId: snowflake, textChannelId: snowflake.optional() }),
  play: command({
    item: playable,
    /** Joins this channel first when the bot is not in voice yet. */
    voiceChannelId: snowflake.optional(),
    position: z.enum(QUEUE_POSITIONS).default('end'),
  }),
  pause: command({}),
  resume: command({}),
  skip: command({ count: z.number().int().min(SKIP.min).max(SKIP.max).default(SKIP.default) }),
  loop: command({ mode: z.enum(LOOP_MODES) }),
  /** Play the most recently finished track again. */
  playlast: command({ voiceChannelId: snowflake.optional() }),
  stop: command({}),
  /** Show the queue (one page of it). */
  queue: command({ page: z.number().int().min(PAGE.min).max(PAGE.max).default(PAGE.default) }),
  volume: command({ percent: z.number().int().min(VOLUME.min).max(VOLUME.max) }),
  leave: command({}),
};
