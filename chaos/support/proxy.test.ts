import { once } from 'node:events';
import { createConnection, createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from './proxy.ts';

// The proxy the chaos cases cut Postgres with: bytes pass both ways; `cut` drops what is open and
// refuses what comes; `restore` lets clients in again, to the same server.

let echo: ReturnType<typeof createServer>;
let proxy: TcpProxy;

beforeAll(async () => {
  echo = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const address = echo.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  proxy = await startTcpProxy({ host: '127.0.0.1', port: address.port });
});
afterAll(async () => {
  await proxy?.close();
  await new Promise<void>((resolve) => echo.close(() => resolve()));
});

async function connect(): Promise<Socket> {
  const socket = createConnection({ host: '127.0.0.1', port: proxy.port });
  await once(socket, 'connect');
  return socket;
}

async function roundTrip(socket: Socket, text: string): Promise<string> {
  socket.write(text);
  const [data] = (await once(socket, 'data')) as [Buffer];
  return data.toString('utf8');
}

/** Resolves once the other side closes the socket (or it errors). */
const closed = (socket: Socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()));

describe('TCP proxy', () => {
  it('passes bytes both ways, cuts open connections, refuses new ones while cut, and lets them in again', async () => {
    const open = await connect();
    expect(await roundTrip(open, 'ping')).toBe('ping');

    const dropped = closed(open);
    open.on('error', () => {});
    proxy.cut();
    await dropped;

    const refused = createConnection({ host: '127.0.0.1', port: proxy.port });
    refused.on('error', () => {});
    await closed(refused);
    expect(proxy.isCut).toBe(true);

    proxy.restore();
    const again = await connect();
    expect(await roundTrip(again, 'back')).toBe('back');
    again.destroy();
    expect(proxy.url('postgres://u@db.example:5432/name')).toBe(`postgres://u@127.0.0.1:${proxy.port}/name`);
  });
});
