import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * A lightweight stand-in for Discord's REST API, for latency benches: it records when each
 * interaction callback *arrives* (request headers parsed, `performance.now()` of this process) and
 * answers at once — no spec validation, no state — so what is measured is the suite, not the fake.
 */

export interface CallbackArrival {
  /** `performance.now()` when the request reached the sink. */
  at: number;
  /** Interaction callback type from the body (4 message, 5 deferral…); 0 when unreadable. */
  type: number;
}

export interface RestSink {
  /** DISCORD_API_URL for the suite (…/api; @discordjs/rest adds /v10). */
  apiUrl: string;
  /** Every callback per interaction id, in arrival order. */
  callbacks: Map<string, CallbackArrival[]>;
  /** Requests that were not interaction callbacks (webhook edits, follow-ups…), by `METHOD path-shape`. */
  other: Map<string, number>;
  /** Called on each callback's arrival, before its body is read. */
  onCallback(listener: (interactionId: string, at: number) => void): void;
  close(): Promise<void>;
}

const CALLBACK_PATH = /^\/api\/v10\/interactions\/(\d{1,20})\/[^/?]+\/callback(?:\?|$)/;

export async function startRestSink(): Promise<RestSink> {
  const callbacks = new Map<string, CallbackArrival[]>();
  const other = new Map<string, number>();
  const listeners: ((interactionId: string, at: number) => void)[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const at = performance.now();
    const url = req.url ?? '/';
    const id = CALLBACK_PATH.exec(url)?.[1];
    const arrival: CallbackArrival = { at, type: 0 };
    if (id !== undefined) {
      const list = callbacks.get(id);
      if (list) list.push(arrival);
      else callbacks.set(id, [arrival]);
      for (const listener of listeners) listener(id, at);
    } else {
      const shape = `${req.method} ${url
        .replace(/\?.*$/, '')
        .replace(/\/\d{5,}/g, '/{id}')
        .replace(/\/[A-Za-z0-9_.-]{40,}/g, '/{token}')}`;
      other.set(shape, (other.get(shape) ?? 0) + 1);
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (id !== undefined) {
        try {
          const type = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type?: unknown }).type;
          arrival.type = typeof type === 'number' ? type : 0;
        } catch {
          arrival.type = 0;
        }
        // What Discord answers to `?with_response=true`: the callback and the message it created.
        const body = JSON.stringify({
          interaction: { id, type: 2 },
          resource: { type: arrival.type, message: { id, channel_id: '1', content: '' } },
        });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
        return;
      }
      const body = JSON.stringify({ id: '1', channel_id: '1', content: '' });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  };

  const server = createServer({ keepAliveTimeout: 60_000 }, handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    callbacks,
    other,
    onCallback: (listener) => listeners.push(listener),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
