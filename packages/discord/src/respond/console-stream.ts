import { type ConsoleMessage, consoleMessage, snowflake } from '@autoalex/contracts';
import { z } from 'zod';

// A console session's stream (`consoleStreamKey(prefix, sessionId)`, ADR 0002 and 0010) holds two
// kinds of entries: an answer, as one `consoleMessage` JSON in field `data`; and, once the answer is
// complete, the final marker, as `consoleFinal` JSON in field `final`. The console prints answers
// until it reads the final marker.

export const CONSOLE_DATA_FIELD = 'data';
export const CONSOLE_FINAL_FIELD = 'final';
/** A stream nobody reads (the console was closed) disappears after an hour. */
export const CONSOLE_STREAM_TTL_MS = 60 * 60_000;

export const consoleFinal = z.object({
  interactionId: snowflake,
  /** `error`: the user was told it could not be done (bad options, not available, a fault). */
  outcome: z.enum(['ok', 'error']),
});
export type ConsoleFinal = z.infer<typeof consoleFinal>;

export type ConsoleEntry =
  | { readonly type: 'message'; readonly message: ConsoleMessage }
  | { readonly type: 'final'; readonly final: ConsoleFinal }
  | { readonly type: 'invalid'; readonly reason: string };

/** Reads one stream entry's field list (`[name, value, name, value…]`, as XREAD returns it). Never throws. */
export function readConsoleEntry(fields: readonly string[]): ConsoleEntry {
  const values = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) values.set(fields[i]!, fields[i + 1]!);
  const final = values.get(CONSOLE_FINAL_FIELD);
  if (final !== undefined) {
    const parsed = consoleFinal.safeParse(safeJson(final));
    return parsed.success
      ? { type: 'final', final: parsed.data }
      : { type: 'invalid', reason: 'a final marker that is not valid' };
  }
  const data = values.get(CONSOLE_DATA_FIELD);
  if (data === undefined) return { type: 'invalid', reason: `an entry without a ${CONSOLE_DATA_FIELD} field` };
  const parsed = consoleMessage.safeParse(safeJson(data));
  return parsed.success
    ? { type: 'message', message: parsed.data }
    : { type: 'invalid', reason: 'an answer that is not a valid console message' };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
