import { escapeMarkdown } from '@autoalex/discord';
import { type CompletionView, formatPercent, lastPlayLine, renderCompletionText } from '@autoalex/listening';
import type { CardAnswer } from './card-view.ts';

// /completion as a card answer (see card-view.ts).

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function countedWhen(threshold: number): string {
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
