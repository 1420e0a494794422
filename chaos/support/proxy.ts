import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy between the services and a server (Postgres) that a chaos case can cut: `cut()` drops
 * every open connection and refuses new ones, as a server that went away does; `restore()` lets
 * connections through again. The server itself keeps running, so its data is what it was.
 */
export interface TcpProxy {
  readonly port: number;
  /** The target's URL with host and port replaced by the proxy's. */
  url(targetUrl: string): string;
  /** True between `cut()` and `restore()`. */
  readonly isCut: boolean;
  /** Connections accepted so far (to see that clients did come back). */
  readonly accepted: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let isCut = false;
  let accepted = 0;
  const server: Server = createServer((client) => {
    if (isCut) {
      client.resetAndDestroy();
      return;
    }
    accepted += 1;
    const upstream = createConnection(target);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  function cut(): void {
    isCut = true;
    for (const [client, upstream] of [...pairs]) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    pairs.clear();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy: no port');
  const { port } = address;

  return {
    port,
    url(targetUrl) {
      const url = new URL(targetUrl);
      url.hostname = '127.0.0.1';
      url.port = String(port);
      return url.toString();
    },
    get isCut() {
      return isCut;
    },
    get accepted() {
      return accepted;
    },
    cut,
    restore() {
      isCut = false;
    },
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
