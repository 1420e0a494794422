import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type RecordedRequest, recordingListener } from './fake-server.ts';

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type Interceptor = (request: RecordedRequest) => FakeReply | undefined;

/**
 * Test controls shared by the fake Plex and the fake Tautulli: make the server slow, hang, fail
 * with 5xx, go down (connection refused or reset), or answer chosen requests with anything
 * (malformed JSON, hostile shapes).
 */
export interface ServerControls {
  /** Every later request waits this long before it is answered (0 to stop). */
  slow(ms: number): void;
  /** Later requests get no answer at all until `normal()` or `close()`. */
  hang(): void;
  /** The next `count` requests (all of them when omitted) answer `status` (default 500). */
  fail(count?: number, status?: number): void;
  /** 'refused': stop listening (connection refused); 'reset': accept and drop every connection. */
  down(mode?: 'refused' | 'reset'): Promise<void>;
  /** Listen again on the same port. */
  up(): Promise<void>;
  /** No delay, no failures, no hanging, listening. */
  normal(): Promise<void>;
  /** Answer matching requests yourself; return undefined to let the fake answer. Returns a remover. */
  intercept(interceptor: Interceptor): () => void;
}

export interface ControllableServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  controls: ServerControls;
  close(): Promise<void>;
}

export type Handler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export async function startControllableServer(
  handler: Handler,
  failureReply: (status: number) => FakeReply,
): Promise<ControllableServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const held = new Set<ServerResponse>();
  const interceptors: Interceptor[] = [];
  let delayMs = 0;
  let hanging = false;
  let failing: { remaining: number; status: number } | undefined;
  let mode: 'up' | 'refused' | 'reset' = 'up';

  const send = (response: ServerResponse, reply: FakeReply) => {
    response.writeHead(reply.status, reply.headers ?? {});
    response.end(reply.body ?? '');
  };

  const server = createServer(
    recordingListener(requests, (recorded, res) => {
      void answer(recorded, res);
    }),
  );
  server.on('connection', (socket: Socket) => {
    if (mode === 'reset') {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function answer(request: RecordedRequest, response: ServerResponse): Promise<void> {
    if (hanging) {
      held.add(response);
      response.on('close', () => held.delete(response));
      return;
    }
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (response.destroyed) return;
    if (failing && failing.remaining > 0) {
      failing.remaining--;
      send(response, failureReply(failing.status));
      return;
    }
    for (const interceptor of interceptors) {
      const reply = interceptor(request);
      if (reply) {
        send(response, reply);
        return;
      }
    }
    try {
      await handler(request, response);
    } catch (err) {
      if (!response.headersSent) send(response, { status: 500, body: `fake server error: ${String(err)}` });
      else response.destroy();
    }
  }

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  const releaseHeld = () => {
    for (const response of held) response.destroy();
    held.clear();
  };

  await listen(0);
  const { port } = server.address() as AddressInfo;

  const controls: ServerControls = {
    slow(ms) {
      delayMs = Math.max(0, ms);
    },
    hang() {
      hanging = true;
    },
    fail(count = Number.POSITIVE_INFINITY, status = 500) {
      failing = { remaining: count, status };
    },
    async down(how = 'refused') {
      if (how === 'reset') {
        mode = 'reset';
        for (const socket of sockets) socket.destroy();
        return;
      }
      mode = 'refused';
      releaseHeld();
      await stopListening();
    },
    async up() {
      mode = 'up';
      if (!server.listening) await listen(port);
    },
    async normal() {
      delayMs = 0;
      hanging = false;
      failing = undefined;
      releaseHeld();
      await controls.up();
    },
    intercept(interceptor) {
      interceptors.push(interceptor);
      return () => {
        const at = interceptors.indexOf(interceptor);
        if (at !== -1) interceptors.splice(at, 1);
      };
    },
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    controls,
    async close() {
      releaseHeld();
      server.closeAllConnections();
      await stopListening();
    },
  };
}
