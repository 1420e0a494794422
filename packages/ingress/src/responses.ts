import type { DiscordInteraction } from '@autoalex/contracts';
import type { Visibility } from '@autoalex/discord';

/**
 * The bodies the ingress sends on its own: deferrals, the empty autocomplete answer and the "busy"
 * message. Nothing here knows a command beyond its name and default visibility.
 */

export const BUSY_MESSAGE = 'Autoalex is busy or temporarily unavailable — try again in a minute.';

/** What the user reads when the bus contract refused the interaction (ADR 0228): retrying will not help. */
export const REFUSED_MESSAGE =
  'Autoalex could not read this request: it is not shaped like what Discord sends (options nested too deep, for one), so nothing was done.';

export const EPHEMERAL = 1 << 6;

/** Interaction callback types (Discord `InteractionResponseType`). */
export const CALLBACK = {
  pong: 1,
  message: 4,
  deferredMessage: 5,
  deferredUpdate: 6,
  autocomplete: 8,
} as const;

/** How the guard treats an interaction, from its type (1 ping, 2 command, 3 component, 4 autocomplete, 5 modal). */
export type InteractionKind = 'ping' | 'command' | 'component' | 'autocomplete' | 'modal';

export function interactionKind(interaction: Pick<DiscordInteraction, 'type'>): InteractionKind {
  switch (interaction.type) {
    case 1:
      return 'ping';
    case 3:
      return 'component';
    case 4:
      return 'autocomplete';
    case 5:
      return 'modal';
    default:
      return 'command';
  }
}

/** The command name of an application command (or autocomplete) interaction, if any. */
export function commandName(interaction: DiscordInteraction): string | undefined {
  const data = interaction.data;
  if (typeof data !== 'object' || data === null) return undefined;
  const name = (data as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

export interface InteractionResponseBody {
  type: number;
  data?: Record<string, unknown>;
}

/**
 * The guard's deferral: type 5 (with the command's default visibility) for commands and modal
 * submits, type 6 for components, and an empty choice list (type 8) for autocomplete, which cannot
 * be deferred.
 */
export function deferralBody(kind: InteractionKind, visibility: Visibility): InteractionResponseBody {
  switch (kind) {
    case 'component':
      return { type: CALLBACK.deferredUpdate };
    case 'autocomplete':
      return { type: CALLBACK.autocomplete, data: { choices: [] } };
    default:
      return visibility === 'ephemeral'
        ? { type: CALLBACK.deferredMessage, data: { flags: EPHEMERAL } }
        : { type: CALLBACK.deferredMessage };
  }
}

/** The initial response when the interaction could not even be put on the bus. */
export function unavailableBody(kind: InteractionKind): InteractionResponseBody {
  if (kind === 'autocomplete') return { type: CALLBACK.autocomplete, data: { choices: [] } };
  return { type: CALLBACK.message, data: { content: BUSY_MESSAGE, flags: EPHEMERAL, allowed_mentions: { parse: [] } } };
}

/** The initial response when the bus contract refused the interaction (malformed, nested too deep). */
export function refusedBody(kind: InteractionKind): InteractionResponseBody {
  if (kind === 'autocomplete') return { type: CALLBACK.autocomplete, data: { choices: [] } };
  return {
    type: CALLBACK.message,
    data: { content: REFUSED_MESSAGE, flags: EPHEMERAL, allowed_mentions: { parse: [] } },
  };
}

/** The message body of the busy edit / follow-up. */
export function busyMessage(ephemeral: boolean): Record<string, unknown> {
  return {
    content: BUSY_MESSAGE,
    allowed_mentions: { parse: [] },
    ...(ephemeral ? { flags: EPHEMERAL } : {}),
  };
}
