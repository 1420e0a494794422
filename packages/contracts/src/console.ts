import { z } from 'zod';
import { snowflake, storedFile, uuid } from './fields.ts';
import { meta } from './meta.ts';

// bin/alex, the console front door, publishes interactions with source `console` and reads the
// answers from a Redis stream of its own session (ADR 0002): one stream per session, so several
// consoles never take each other's answers. Each entry holds one `consoleMessage` as JSON in the
// field `data`.

export const CONSOLE_MESSAGE_KINDS = ['callback', 'followup', 'edit'] as const;

/** The stream a console session reads its answers from. */
export function consoleStreamKey(prefix: string, sessionId: string): string {
  return `${prefix}:console:${sessionId}`;
}

/**
 * An answer to an interaction from the console. `kind` says which Discord call it stands for: the
 * interaction callback, a follow-up message, or an edit of the original response; `body` is that
 * call's JSON body, as it would have gone to Discord.
 */
export const consoleMessage = z.object({
  sessionId: uuid,
  interactionId: snowflake,
  kind: z.enum(CONSOLE_MESSAGE_KINDS),
  body: z.looseObject({}),
  files: z.array(storedFile).max(10).default([]),
  meta,
});

export type ConsoleMessage = z.infer<typeof consoleMessage>;
