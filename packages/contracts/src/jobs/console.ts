import { z } from 'zod';
import { snowflake, storedFile, uuid } from '../fields.ts';
import { meta } from '../meta.ts';

export const CONSOLE_REPLY_KINDS = ['callback', 'followup', 'edit'] as const;

export const consoleJobs = {
  /**
   * An answer to an interaction that bin/alex published (source `console`). `kind` says which
   * Discord call it stands for: the interaction callback, a follow-up message, or an edit of the
   * original response. `body` is that call's JSON body, as it would have gone to Discord.
   */
  reply: z.object({
    sessionId: uuid,
    interactionId: snowflake,
    kind: z.enum(CONSOLE_REPLY_KINDS),
    body: z.looseObject({}),
    files: z.array(storedFile).max(10).default([]),
    meta,
  }),
};
