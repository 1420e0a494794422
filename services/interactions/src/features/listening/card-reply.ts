import type { Logger } from '@autoalex/contracts';
import type { Responder } from '@autoalex/discord';
import { type CardAnswer, cardMessage } from './card-view.ts';

/**
 * Answers with a PNG card: defers first (drawing and Plex art take longer than Discord's 3 s allow
 * for sure), draws, and fills the deferral. A card that cannot be drawn is logged and the text
 * rendering goes out instead; the console gets the text with the card attached.
 */
export async function replyWithCard(
  respond: Responder,
  log: Logger,
  answer: CardAnswer,
  draw: () => Promise<Uint8Array>,
): Promise<void> {
  await respond.defer();
  let card: Uint8Array | undefined;
  try {
    card = await draw();
  } catch (err) {
    log.warn({ err, card: answer.fileName }, 'the card could not be drawn; answering with the text');
  }
  await respond.editOriginal(cardMessage(answer, card, respond.kind));
}
