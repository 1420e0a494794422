import { z } from 'zod';
import { snowflake } from '../fields.ts';
import { meta } from '../meta.ts';

/** VOICE_STATE_UPDATE dispatch data for the bot's own user (other fields pass through). */
export const voiceStateData = z.looseObject({
  guild_id: snowflake,
  channel_id: snowflake.nullable(),
  user_id: snowflake,
  session_id: z.string().min(1, 'must be the voice session id'),
});

/** VOICE_SERVER_UPDATE dispatch data; `endpoint` is null while Discord allocates a server. */
export const voiceServerData = z.looseObject({
  guild_id: snowflake,
  token: z.string().min(1, 'must be the voice token'),
  endpoint: z.string().min(1).nullable(),
});

/** gateway → player: the two dispatches a voice adapter needs. Process in order (concurrency 1). */
export const voiceEventsJobs = {
  'voice-state-update': z.object({ guildId: snowflake, data: voiceStateData, meta }),
  'voice-server-update': z.object({ guildId: snowflake, data: voiceServerData, meta }),
};
