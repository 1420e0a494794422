import { type Bus, createMeta, type Logger } from '@autoalex/contracts';

export interface RelayVoiceDeps {
  bus: Pick<Bus, 'enqueue'>;
  logger: Logger;
  /** The bot's own user id (from the token, then READY). */
  botUserId(): string | undefined;
}

export interface VoiceRelay {
  /** VOICE_STATE_UPDATE: only the bot's own (the player's voice adapter needs nothing else). */
  voiceState(d: unknown): void;
  /** VOICE_SERVER_UPDATE: always the bot's. */
  voiceServer(d: unknown): void;
  /** Resolves when everything relayed so far is enqueued (or failed). */
  idle(): Promise<void>;
}

type Dispatch = { guild_id?: unknown; user_id?: unknown };

/**
 * Voice dispatches → `voice-events`, in the order Discord sent them (one enqueue after the other):
 * the player's adapter needs the state update before the server update.
 */
export function createVoiceRelay(deps: RelayVoiceDeps): VoiceRelay {
  let chain = Promise.resolve();
  const log = deps.logger.child({ component: 'voice-relay' });

  const enqueue = (name: 'voice-state-update' | 'voice-server-update', d: Dispatch) => {
    const guildId = typeof d.guild_id === 'string' ? d.guild_id : undefined;
    if (!guildId) return; // DM calls have no guild: not ours
    chain = chain
      .then(() =>
        deps.bus.enqueue('voice-events', name, {
          guildId,
          data: d as never,
          meta: createMeta({ guildId }),
        }),
      )
      .then(
        () => undefined,
        (err: unknown) => {
          log.error({ guildId, detail: err instanceof Error ? err.message : String(err) }, `cannot relay ${name}`);
        },
      );
  };

  return {
    voiceState(d) {
      const dispatch = (d ?? {}) as Dispatch;
      if (dispatch.user_id !== deps.botUserId()) return;
      enqueue('voice-state-update', dispatch);
    },
    voiceServer(d) {
      enqueue('voice-server-update', (d ?? {}) as Dispatch);
    },
    idle: () => chain,
  };
}
