import type { OutgoingMessage } from '@autoalex/discord';
import { fitEmbed, MAX_CONTENT } from '@autoalex/discord';
import type { APIEmbed } from 'discord-api-types/v10';

// An answer that is a PNG card (/completion, /compare). On Discord: an embed showing the card, with
// a short summary; without a card (it could not be drawn), the text rendering in a code block. On
// the console (bin/alex): the text rendering, with the card attached (the console lists it).

export interface CardAnswer {
  /** "Alice × Miles Davis" */
  readonly title: string;
  /** A line or two under the title, beside the card. */
  readonly summary: string;
  /** The whole answer as plain text (@autoalex/listening's rendering). */
  readonly text: string;
  readonly footer: string;
  /** The PNG's file name, e.g. `completion.png`. */
  readonly fileName: string;
  /** Alt text for the card (≤ 1024 characters). */
  readonly alt: string;
}

const COLOR = 0xe5a00d; // Plex amber
const FENCE = '```';

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

export function cardMessage(
  answer: CardAnswer,
  card: Uint8Array | undefined,
  target: 'discord' | 'console',
): OutgoingMessage {
  const files = card
    ? [{ name: answer.fileName, data: card, contentType: 'image/png', description: clip(answer.alt, 1024) }]
    : [];
  if (target === 'console') return { content: clip(answer.text, MAX_CONTENT), files };
  const embed: APIEmbed = card
    ? {
        title: answer.title,
        description: answer.summary,
        color: COLOR,
        image: { url: `attachment://${answer.fileName}` },
        footer: { text: answer.footer },
      }
    : {
        title: answer.title,
        description: `${FENCE}\n${clip(answer.text.replaceAll(FENCE, "'''"), 4000)}\n${FENCE}`,
        color: COLOR,
        footer: { text: answer.footer },
      };
  return { embeds: [fitEmbed(embed)], files };
}
