import { z } from 'zod';
import { snowflake } from '../fields.ts';
import { meta } from '../meta.ts';

/** Gateway opcode 4: join, move or leave a voice channel (what @discordjs/voice's adapter sends). */
export const voiceStateUpdatePayload = z.object({
  op: z.literal(4, 'must be gateway opcode 4 (voice state update)'),
  d: z.looseObject({
    guild_id: snowflake,
    channel_id: snowflake.nullable(),
    self_mute: z.boolean(),
    self_deaf: z.boolean(),
  }),
});

export const gatewaySendJobs = {
  /** player → gateway: send this payload on the shard that holds `guildId`. */
  'voice-state': z
    .object({ guildId: snowflake, payload: voiceStateUpdatePayload, meta })
    .refine((job) => job.payload.d.guild_id === job.guildId, {
      message: 'must equal guildId',
      path: ['payload', 'd', 'guild_id'],
    }),
};
