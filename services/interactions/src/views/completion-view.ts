import {
  type CompareView,
  type CompletionView,
  formatPercent,
  lastPlayLine,
  renderCompareText,
  renderCompletionText,
} from '@autoalex/listening';
import { type CardAnswer, escapeMarkdown } from './card-view.ts';

// /completion and /compare as card answers (see card-view.ts).

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function countedWhen(threshold: number): string {
  return `A play counts when Tautulli marks it played or it reached ${threshold} %.`;
}

export function completionAnswer(view: CompletionView): CardAnswer {
  const albums = [
    view.finished.length > 0 ? `${plural(view.finished.length, 'album')} finished` : '',
    view.inProgress.length > 0 ? `${view.inProgress.length} in progress` : '',
    view.notStarted > 0 ? `${view.notStarted} not started` : '',
  ].filter(Boolean);
  const title = `${view.user.name} × ${view.artist.name}`;
  return {
    title,
    summary: [
      `**${formatPercent(view.percent)}** heard — ${view.listened} of ${plural(view.total, 'track')}`,
      albums.join(', '),
      escapeMarkdown(lastPlayLine(view.lastPlay)),
    ]
      .filter(Boolean)
      .join('\n'),
    text: renderCompletionText(view),
    footer: countedWhen(view.threshold),
    fileName: 'completion.png',
    alt: `${title}: ${formatPercent(view.percent)} heard, ${view.listened} of ${plural(view.total, 'track')}`,
  };
}

export function compareAnswer(view: CompareView): CardAnswer {
  const { a, b } = view;
  const side = (s: typeof a) =>
    `${escapeMarkdown(s.user.name)}: **${formatPercent(s.percent)}** — ${s.listened}/${view.total} tracks, ${plural(s.finishedAlbums, 'album')} finished`;
  const verdict =
    view.leader === 'tie'
      ? `A tie at ${plural(a.listened, 'track')}.`
      : `${escapeMarkdown((view.leader === 'a' ? a : b).user.name)} leads by ${plural(view.margin, 'track')}.`;
  const title = `${a.user.name} vs ${b.user.name} — ${view.artist.name}`;
  return {
    title,
    summary: [side(a), side(b), verdict].join('\n'),
    text: renderCompareText(view),
    footer: countedWhen(view.threshold),
    fileName: 'compare.png',
    alt: `${title}: ${a.user.name} ${formatPercent(a.percent)}, ${b.user.name} ${formatPercent(b.percent)}`,
  };
}
