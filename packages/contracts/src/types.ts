import type { z } from 'zod';
import type { discordInteraction } from './jobs/interactions.ts';
import type { playable } from './jobs/player.ts';
import type { remixSource } from './jobs/remix.ts';
import type { JobPayload as P } from './queues.ts';

// Named payload types (parsed form, as handlers receive them). JobInput<Q, N> is the producer form.

export type DiscordInteraction = z.infer<typeof discordInteraction>;
export type Playable = z.infer<typeof playable>;
export type RemixSource = z.infer<typeof remixSource>;

export type InteractionJob = P<'interactions', 'interaction'>;
export type GatewayVoiceStateJob = P<'gateway-send', 'voice-state'>;
export type VoiceStateUpdateJob = P<'voice-events', 'voice-state-update'>;
export type VoiceServerUpdateJob = P<'voice-events', 'voice-server-update'>;
export type RemixJob = P<'remix', 'remix'>;
export type SunoGenerateJob = P<'suno', 'generate'>;
export type SunoPollJob = P<'suno', 'poll'>;
export type SunoCallbackJob = P<'suno', 'callback'>;
export type PlayerJoinJob = P<'player', 'join'>;
export type PlayerPlayJob = P<'player', 'play'>;
export type PlayerPauseJob = P<'player', 'pause'>;
export type PlayerResumeJob = P<'player', 'resume'>;
export type PlayerSkipJob = P<'player', 'skip'>;
export type PlayerLoopJob = P<'player', 'loop'>;
export type PlayerPlayLastJob = P<'player', 'playlast'>;
export type PlayerStopJob = P<'player', 'stop'>;
export type PlayerQueueJob = P<'player', 'queue'>;
export type PlayerVolumeJob = P<'player', 'volume'>;
export type PlayerLeaveJob = P<'player', 'leave'>;
export type LibrarySyncFullJob = P<'library', 'sync-full'>;
export type LibrarySyncIncrementalJob = P<'library', 'sync-incremental'>;
export type LibraryEnrichCreditsJob = P<'library', 'enrich-credits'>;
export type LibrarySyncTopRatedJob = P<'library', 'sync-top-rated'>;
export type MonitorCheckNowJob = P<'monitor', 'check-now'>;
