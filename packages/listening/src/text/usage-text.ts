import type { UsageResult } from '../usage.ts';
import { progressBar } from './progress-bar.ts';

/** Plain text of Tautulli's live activity. */
export function renderUsageText(result: UsageResult): string {
  switch (result.kind) {
    case 'not-configured':
      return 'Tautulli is not configured: set TAUTULLI_URL and TAUTULLI_API_KEY to see who is playing.';
    case 'unreachable':
      return `Tautulli is unreachable right now (${result.reason}).`;
    case 'no-plex-connection':
      return 'Tautulli is up but has no connection to Plex, so it cannot tell what is playing.';
    case 'nothing-playing':
      return 'Nothing is playing right now.';
    case 'activity': {
      const { totals } = result;
      const parts = [
        `${totals.streams} stream${totals.streams === 1 ? '' : 's'}`,
        totals.directPlays ? `${totals.directPlays} direct play` : '',
        totals.directStreams ? `${totals.directStreams} direct stream` : '',
        totals.transcodes ? `${totals.transcodes} transcode${totals.transcodes === 1 ? '' : 's'}` : '',
        totals.bandwidthKbps !== undefined ? `${(totals.bandwidthKbps / 1000).toFixed(1)} Mbps` : '',
      ].filter(Boolean);
      const lines = [`Now playing — ${parts.join(', ')}`];
      for (const s of result.streams) {
        lines.push('');
        lines.push(`${s.state === 'paused' ? '⏸' : s.state === 'buffering' ? '⏳' : '▶'} ${s.user}: ${s.title}`);
        if (s.album) lines.push(`  ${s.album}`);
        lines.push(`  ${s.player} on ${s.platform} · ${s.decision} · ${s.quality}`);
        lines.push(`  ${progressBar(s.progress / 100, 16)} ${s.progress} %${s.position ? ` (${s.position})` : ''}`);
      }
      return lines.join('\n');
    }
  }
}
