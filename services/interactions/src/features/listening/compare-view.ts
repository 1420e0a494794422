import { escapeMarkdown } from '@autoalex/discord';
import { type CompareView, formatPercent, renderCompareText } from '@autoalex/listening';
import type { CardAnswer } from './card-view.ts';
import { countedWhen, plural } from './completion-view.ts';

// /compare as a card answer (see card-view.ts).

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
