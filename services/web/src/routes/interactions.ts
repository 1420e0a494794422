import { type HttpInteractionsOptions, httpInteractions } from '@autoalex/ingress';
import type { FastifyInstance } from 'fastify';

export const HTTP_INTERACTIONS_OFF =
  'HTTP interactions are off: set DISCORD_PUBLIC_KEY (Developer Portal, General Information, Public Key) to receive interactions at this URL; until then the gateway receives them';

/**
 * `POST /interactions`, Discord's "Interactions Endpoint URL": the ingress plugin when
 * DISCORD_PUBLIC_KEY is set, otherwise a 404 that says how to turn it on.
 */
export async function registerInteractions(
  app: FastifyInstance,
  options: HttpInteractionsOptions | undefined,
): Promise<void> {
  if (options) {
    await app.register(httpInteractions, options);
    return;
  }
  app.post(
    '/interactions',
    { schema: { response: { 404: { type: 'object', properties: { error: { type: 'string' } } } } } },
    async (_req, reply) => reply.code(404).send({ error: HTTP_INTERACTIONS_OFF }),
  );
}
