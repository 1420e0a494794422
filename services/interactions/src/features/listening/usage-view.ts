import type { OutgoingMessage } from '@autoalex/discord';
import { escapeMarkdown, fitEmbed, MAX_CONTENT } from '@autoalex/discord';
import { progressBar, renderUsageText, type StreamView, type UsageResult } from '@autoalex/listening';
import type { APIEmbed } from 'discord-api-types/v10';

// /usage: Tautulli's live activity. On Discord an embed, one field per stream; on the console the
// text rendering. Every state that is not "something is playing" is one clear sentence.

const COLOR = { playing: 0xe5a00d, quiet: 0x95a5a6, problem: 0xe74c3c } as const;
const FIELDS = 25;

function mark(state: string): string {
  return state === 'paused' ? '⏸' : state === 'buffering' ? '⏳' : '▶';
}

function streamField(stream: StreamView): { name: string; value: string } {
  return {
    name: `${mark(stream.state)} ${stream.user}`,
    value: [
      `**${escapeMarkdown(stream.title)}**`,
      stream.album ? escapeMarkdown(stream.album) : '',
      `${escapeMarkdown(stream.player)} on ${escapeMarkdown(stream.platform)} · ${stream.decision} · ${stream.quality}`,
      `\`${progressBar(stream.progress / 100, 16)}\` ${stream.progress} %${stream.position ? ` (${stream.position})` : ''}`,
    ]
      .filter(Boolean)
      .join('\n'),
  };
}

/** The headline of an activity result ("Now playing — 2 streams, 1 transcode, 3.2 Mbps"). */
function headline(result: Extract<UsageResult, { kind: 'activity' }>): string {
  return renderUsageText(result).split('\n')[0] ?? 'Now playing';
}

export function usageMessage(result: UsageResult, target: 'discord' | 'console', note?: string): OutgoingMessage {
  const text = renderUsageText(result);
  if (target === 'console') {
    return { content: [note, text].filter(Boolean).join('\n\n').slice(0, MAX_CONTENT) };
  }
  if (result.kind !== 'activity') {
    const color = result.kind === 'nothing-playing' ? COLOR.quiet : COLOR.problem;
    return { embeds: [fitEmbed({ description: [note, text].filter(Boolean).join('\n\n'), color })] };
  }
  const shown = result.streams.slice(0, FIELDS);
  const more = result.streams.length - shown.length;
  const embed: APIEmbed = {
    title: headline(result),
    color: COLOR.playing,
    fields: shown.map(streamField),
    ...(note || more > 0
      ? { description: [note, more > 0 ? `… and ${more} more streams` : ''].filter(Boolean).join('\n') }
      : {}),
  };
  return { embeds: [fitEmbed(embed)] };
}
