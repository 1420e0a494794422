import type { CompletionResult, LastPlay, UnknownArtist, UnknownUser } from '../types.ts';
import { formatPercent, progressBar } from './progress-bar.ts';

const dateOf = (at: Date) => at.toISOString().slice(0, 10);

export function lastPlayLine(last: LastPlay | null): string {
  if (!last) return 'No plays yet.';
  return `Last play: ${last.track} (${last.album}) on ${dateOf(last.at)}, ${last.percent} %${last.listened ? '' : ' (not counted)'}`;
}

export function unknownText(result: UnknownArtist | UnknownUser): string {
  if (result.kind === 'unknown-user')
    return `Plex user ${result.plexUserId} is not in the synced Tautulli users. Link a Plex account or wait for the next library sync.`;
  const tail = result.suggestions.length > 0 ? ` Did you mean: ${result.suggestions.join(', ')}?` : '';
  return result.query
    ? `"${result.query}" is not an artist in the Plex library.${tail}`
    : `Name an artist from the Plex library.${tail}`;
}

/** Plain text of a completion result (bin/alex, and the fallback when a card cannot be sent). */
export function renderCompletionText(result: CompletionResult, options: { maxAlbums?: number } = {}): string {
  if (result.kind !== 'completion') return unknownText(result);
  const maxAlbums = options.maxAlbums ?? 10;
  const lines = [
    `${result.user.name} × ${result.artist.name}`,
    `${progressBar(result.percent / 100)} ${formatPercent(result.percent)} — ${result.listened} of ${result.total} tracks`,
    '',
  ];
  if (result.inProgress.length > 0) {
    lines.push('In progress:');
    for (const album of result.inProgress.slice(0, maxAlbums)) {
      lines.push(
        `  ${progressBar(album.percent / 100, 10)} ${album.listened}/${album.total}  ${album.title}${album.year ? ` (${album.year})` : ''}`,
      );
    }
    if (result.inProgress.length > maxAlbums) lines.push(`  … and ${result.inProgress.length - maxAlbums} more`);
  }
  if (result.finished.length > 0) {
    const names = result.finished.slice(0, maxAlbums).map((a) => a.title);
    const more = result.finished.length > maxAlbums ? ` and ${result.finished.length - maxAlbums} more` : '';
    lines.push(`Finished (${result.finished.length}): ${names.join(', ')}${more}`);
  }
  if (result.notStarted > 0) lines.push(`Not started: ${result.notStarted} album${result.notStarted === 1 ? '' : 's'}`);
  lines.push(lastPlayLine(result.lastPlay));
  lines.push(`(a play counts when Tautulli marks it played or it reached ${result.threshold} %)`);
  return lines.join('\n');
}
