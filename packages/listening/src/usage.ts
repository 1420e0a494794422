import type { ActivitySession, TautulliActivity, TautulliClient } from '@autoalex/tautulli';

export type StreamDecision = 'direct play' | 'direct stream' | 'transcode';

export interface StreamView {
  user: string;
  mediaType: string;
  /** "Artist – Track" for music; Tautulli's full title otherwise. */
  title: string;
  album: string | undefined;
  /** e.g. "Pixel 8 (Plexamp)". */
  player: string;
  platform: string;
  state: 'playing' | 'paused' | 'buffering' | string;
  decision: StreamDecision;
  /** e.g. "FLAC 1411 kbps" or "FLAC → MP3 320 kbps". */
  quality: string;
  /** 0–100. */
  progress: number;
  /** e.g. "2:00 / 9:22", when the position and length are known. */
  position: string | undefined;
  bandwidthKbps: number | undefined;
  location: string;
}

export type UsageResult =
  | {
      kind: 'activity';
      streams: StreamView[];
      totals: {
        streams: number;
        directPlays: number;
        directStreams: number;
        transcodes: number;
        bandwidthKbps: number | undefined;
      };
    }
  /** Tautulli answered and nothing is playing. */
  | { kind: 'nothing-playing' }
  /** Tautulli answered, but it has no connection to Plex (its `data: {}`): it cannot know. */
  | { kind: 'no-plex-connection' }
  /** Tautulli did not answer (or answered nonsense). `reason` never contains the API key. */
  | { kind: 'unreachable'; reason: string }
  /** TAUTULLI_URL / TAUTULLI_API_KEY are not set. */
  | { kind: 'not-configured' };

const str = (value: unknown): string => (typeof value === 'string' ? value : value == null ? '' : String(value));

function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function decisionOf(session: ActivitySession): StreamDecision {
  const decision = session.transcode_decision.toLowerCase();
  if (decision === 'transcode') return 'transcode';
  if (decision === 'copy' || decision === 'direct stream') return 'direct stream';
  return 'direct play';
}

function qualityOf(session: ActivitySession, decision: StreamDecision): string {
  const extra = session as Record<string, unknown>;
  const source = str(extra.audio_codec) || str(extra.container);
  const target = str(session.stream_audio_codec) || source;
  const bitrate = str(extra.stream_audio_bitrate) || str(extra.stream_bitrate) || str(extra.bitrate);
  const kbps = bitrate ? ` ${bitrate} kbps` : '';
  if (decision === 'transcode' && source && target && source.toLowerCase() !== target.toLowerCase())
    return `${source.toUpperCase()} → ${target.toUpperCase()}${kbps}`;
  return target ? `${target.toUpperCase()}${kbps}` : str(extra.quality_profile) || 'unknown quality';
}

function streamView(session: ActivitySession): StreamView {
  const isMusic = session.media_type === 'track';
  const artist = session.original_title?.trim() || session.grandparent_title?.trim() || '';
  const decision = decisionOf(session);
  const position =
    session.view_offset !== null && session.duration !== null && session.duration > 0
      ? `${clock(session.view_offset)} / ${clock(session.duration)}`
      : undefined;
  const progress =
    session.progress_percent ??
    (session.view_offset !== null && session.duration ? Math.floor((session.view_offset / session.duration) * 100) : 0);
  return {
    user: session.friendly_name.trim() || session.user,
    mediaType: session.media_type,
    title: isMusic && artist ? `${artist} – ${session.title}` : session.full_title || session.title,
    album: isMusic ? session.parent_title || undefined : undefined,
    player:
      session.product && session.product !== session.player ? `${session.player} (${session.product})` : session.player,
    platform: session.platform,
    state: session.state,
    decision,
    quality: qualityOf(session, decision),
    progress: Math.max(0, Math.min(100, progress)),
    position,
    bandwidthKbps: session.bandwidth ?? undefined,
    location: session.location,
  };
}

/** The view model of Tautulli's live activity (pure: give it what `tautulli.activity()` returned). */
export function usageView(activity: TautulliActivity): UsageResult {
  if (!activity.connected) return { kind: 'no-plex-connection' };
  if (activity.sessions.length === 0) return { kind: 'nothing-playing' };
  const streams = activity.sessions.map(streamView);
  return {
    kind: 'activity',
    streams,
    totals: {
      streams: Math.max(activity.streamCount, streams.length),
      directPlays: streams.filter((s) => s.decision === 'direct play').length,
      directStreams: streams.filter((s) => s.decision === 'direct stream').length,
      transcodes: streams.filter((s) => s.decision === 'transcode').length,
      bandwidthKbps: activity.totalBandwidth,
    },
  };
}

/** Asks Tautulli (one live call: /usage is about now) and never throws: a failure is `unreachable`. */
export async function usage(deps: { tautulli: Pick<TautulliClient, 'activity'> | undefined }): Promise<UsageResult> {
  if (!deps.tautulli) return { kind: 'not-configured' };
  try {
    return usageView(await deps.tautulli.activity());
  } catch (err) {
    return { kind: 'unreachable', reason: err instanceof Error ? err.message : String(err) };
  }
}
