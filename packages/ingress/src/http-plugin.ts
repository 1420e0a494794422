import {
  type Bus,
  BusUnavailableError,
  ContractError,
  discordInteraction,
  type Logger,
  MAX_INTERACTION_DEPTH,
  silentLogger,
} from '@autoalex/contracts';
import { defaultVisibility, type Visibility } from '@autoalex/discord';
import type { FastifyInstance } from 'fastify';
import type { DeadlineGuard } from './guard.ts';
import { jsonDeeperThan } from './json-depth.ts';
import { interactionKeys } from './keys.ts';
import type { ListWaiter } from './list-waiter.ts';
import { publishInteraction } from './publish.ts';
import { CALLBACK, commandName, deferralBody, type InteractionResponseBody, interactionKind } from './responses.ts';
import { ed25519PublicKey, verifyInteractionSignature } from './signature.ts';

export interface HttpInteractionsOptions {
  /** DISCORD_PUBLIC_KEY: the application's Ed25519 public key, 64 hex characters. */
  publicKey: string;
  bus: Pick<Bus, 'enqueue'>;
  /** Guard whose `respond` is replaced per request by the held HTTP response. */
  guard: DeadlineGuard;
  /** Where the interactions service's initial responses arrive (`{p}:ix:{id}:http`). */
  waiter: ListWaiter;
  /** QUEUE_PREFIX (not `prefix`: fastify reserves that plugin option for route prefixes). */
  queuePrefix: string;
  /** Last moment after receipt to answer Discord's POST (default 2800 ms; Discord gives up at 3 s). */
  responseDeadlineMs?: number;
  /** Oldest (or most future) signature timestamp accepted, in seconds (default 300). */
  maxSkewSeconds?: number;
  /** Largest request body (default 4 MiB). */
  bodyLimit?: number;
  visibility?: (commandName: string | undefined) => Visibility;
  now?: () => number;
  logger?: Logger;
}

const UNAUTHORIZED = { error: 'invalid request signature' };

/**
 * `POST /interactions`: Discord's HTTP interactions endpoint (the "Interactions Endpoint URL").
 * Verifies the Ed25519 signature over the raw body, answers PING with PONG, publishes every other
 * interaction (`source: 'http'`) and holds the request until the interactions service pushes its
 * initial response to `{p}:ix:{id}:http`, or the deadline guard defers (ADR 0002).
 * Register it unwrapped (`app.register(httpInteractions, opts)`): its raw-body parser stays in its scope.
 */
export async function httpInteractions(app: FastifyInstance, options: HttpInteractionsOptions): Promise<void> {
  const publicKey = ed25519PublicKey(options.publicKey);
  const now = options.now ?? Date.now;
  const maxSkewMs = (options.maxSkewSeconds ?? 300) * 1000;
  const responseDeadlineMs = options.responseDeadlineMs ?? 2800;
  const visibilityOf = options.visibility ?? defaultVisibility;
  const log = (options.logger ?? silentLogger).child({ component: 'http-interactions' });

  // The signature covers the exact bytes: keep the body raw, whatever its content type says.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  app.post('/interactions', { bodyLimit: options.bodyLimit ?? 4 * 1024 * 1024 }, async (request, reply) => {
    const receivedAt = now();
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const signature = request.headers['x-signature-ed25519'];
    const timestamp = request.headers['x-signature-timestamp'];
    if (typeof signature !== 'string' || typeof timestamp !== 'string' || !/^\d{1,12}$/.test(timestamp)) {
      return reply.code(401).send(UNAUTHORIZED);
    }
    if (Math.abs(receivedAt - Number(timestamp) * 1000) > maxSkewMs) {
      return reply.code(401).send({ error: 'stale request: X-Signature-Timestamp is more than 5 minutes off' });
    }
    if (!verifyInteractionSignature(publicKey, timestamp, body, signature)) return reply.code(401).send(UNAUTHORIZED);

    // Bounded before parsing (ADR 0228): the body limit caps the size, this the nesting, so that
    // nothing after JSON.parse (the bus's JSON.stringify, schema walks) can overflow the stack.
    if (jsonDeeperThan(body, MAX_INTERACTION_DEPTH)) {
      return reply.code(400).send({ error: `the body is nested more than ${MAX_INTERACTION_DEPTH} levels deep` });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(body.toString('utf8'));
    } catch {
      return reply.code(400).send({ error: 'the body is not JSON' });
    }
    if ((raw as { type?: unknown } | null)?.type === 1) return { type: CALLBACK.pong };

    const parsed = discordInteraction.safeParse(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
      return reply.code(400).send({ error: `not a Discord interaction: ${issues.join('; ')}` });
    }
    const interaction = parsed.data;
    const ixLog = log.child({ interactionId: interaction.id });

    let published = true;
    try {
      await publishInteraction({ bus: options.bus }, raw, 'http', receivedAt);
    } catch (err) {
      if (err instanceof ContractError) return reply.code(400).send({ error: err.message });
      published = false;
      const detail = err instanceof BusUnavailableError ? err.message : String(err);
      ixLog.error({ detail }, 'cannot publish the interaction; answering "busy" at once');
    }

    const answer = Promise.withResolvers<InteractionResponseBody>();
    let answered = false;
    const stopWaiting = new AbortController();
    const send = (response: InteractionResponseBody) => {
      if (answered) return false;
      answered = true;
      stopWaiting.abort();
      answer.resolve(response);
      return true;
    };

    options.guard.watch(interaction, {
      receivedAt,
      published,
      async respond(response) {
        if (!send(response)) throw new Error('the HTTP response was already sent');
      },
    });

    if (published) {
      const key = interactionKeys(options.queuePrefix, interaction.id).http;
      const remaining = Math.max(0, receivedAt + responseDeadlineMs - now());
      void options.waiter.wait(key, remaining, stopWaiting.signal).then((value) => {
        if (answered) return;
        const pushed = value === undefined ? undefined : parseResponse(value);
        if (pushed) {
          send(pushed);
          return;
        }
        if (value !== undefined) ixLog.error({}, 'the pushed initial response is not a JSON interaction response');
        // The interactions service claimed the answer but did not push it in time: a deferral keeps
        // the token usable (it can still edit @original) instead of Discord showing a failure.
        ixLog.warn({}, 'no initial response by the deadline; answering with a deferral');
        const kind = interactionKind(interaction);
        send(deferralBody(kind, visibilityOf(kind === 'command' ? commandName(interaction) : undefined)));
      });
    }

    return answer.promise;
  });
}

function parseResponse(text: string): InteractionResponseBody | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'number') {
      return value as InteractionResponseBody;
    }
  } catch {
    // fall through
  }
  return undefined;
}
