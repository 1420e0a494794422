import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  /** When it arrived (Date.now()). */
  at: number;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface TestServer {
  url: string;
  seen: SeenRequest[];
  /** Answers the requests from now on in turn; the last handler answers every one after. */
  reply(...handlers: Handler[]): void;
  close(): Promise<void>;
}

/** A real node:http server on a loopback port, for the transport's tests. */
export async function startServer(): Promise<TestServer> {
  const seen: SeenRequest[] = [];
  let handlers: Handler[] = [(_req, res) => res.end('ok')];
  let first = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const index = seen.length;
    seen.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, at: Date.now() });
    const handler = handlers[Math.min(index - first, handlers.length - 1)];
    handler?.(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    reply(...next) {
      handlers = next;
      first = seen.length;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const status =
  (code: number, headers: Record<string, string> = {}, body = ''): Handler =>
  (_req, res) => {
    res.writeHead(code, headers);
    res.end(body);
  };

/** Never answers (the transport's deadline has to end it). */
export const hang: Handler = () => {};

/** What a promise rejected with; fails when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}
