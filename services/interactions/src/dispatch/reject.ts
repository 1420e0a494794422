import type { Responder } from '@autoalex/discord';

/** Tells the person why it cannot be done (ephemeral); the console exits 1. */
export async function reject(respond: Pick<Responder, 'reply'>, content: string): Promise<'rejected'> {
  await respond.reply({ content, ephemeral: true });
  return 'rejected';
}
