import type { Redis } from 'ioredis';
import { HTTP_RESPONSE_TTL_MS, interactionKeys } from './keys.ts';
import type { InteractionResponseBody } from './responses.ts';

/**
 * For the interactions service: the initial response of an HTTP interaction (source `http`) goes
 * into `{p}:ix:{id}:http`, where the HTTP ingress holding Discord's request picks it up and returns
 * it as the HTTP response. Claim `ack` first, as for a REST callback. JSON bodies only (no files).
 */
export async function pushHttpResponse(
  redis: Redis,
  prefix: string,
  interactionId: string,
  body: InteractionResponseBody,
): Promise<void> {
  const key = interactionKeys(prefix, interactionId).http;
  await redis.multi().rpush(key, JSON.stringify(body)).pexpire(key, HTTP_RESPONSE_TTL_MS).exec();
}
