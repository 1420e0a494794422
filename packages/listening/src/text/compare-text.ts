import type { CompareResult } from '../types.ts';
import { unknownText } from './completion-text.ts';
import { formatPercent, progressBar } from './progress-bar.ts';

/** Plain text of a compare result. */
export function renderCompareText(result: CompareResult, options: { maxAlbums?: number } = {}): string {
  if (result.kind !== 'compare') return unknownText(result);
  const maxAlbums = options.maxAlbums ?? 8;
  const { a, b } = result;
  const width = Math.max([...a.user.name].length, [...b.user.name].length);
  const row = (side: typeof a) =>
    `${side.user.name.padEnd(width)}  ${progressBar(side.percent / 100, 16)} ${formatPercent(side.percent).padStart(7)}  ${side.listened}/${result.total} tracks, ${side.finishedAlbums} album${side.finishedAlbums === 1 ? '' : 's'} finished`;
  const verdict =
    result.leader === 'tie'
      ? `It's a tie at ${a.listened} tracks.`
      : `${(result.leader === 'a' ? a : b).user.name} leads by ${result.margin} track${result.margin === 1 ? '' : 's'}.`;
  const lines = [`${a.user.name} vs ${b.user.name} — ${result.artist.name}`, row(a), row(b), verdict];
  const only = (list: typeof result.finishedOnlyByA, who: string, other: string) => {
    if (list.length === 0) return;
    const names = list.slice(0, maxAlbums).map((al) => al.title);
    const more = list.length > maxAlbums ? ` and ${list.length - maxAlbums} more` : '';
    lines.push(`Finished by ${who}, not ${other}: ${names.join(', ')}${more}`);
  };
  only(result.finishedOnlyByA, a.user.name, b.user.name);
  only(result.finishedOnlyByB, b.user.name, a.user.name);
  return lines.join('\n');
}
