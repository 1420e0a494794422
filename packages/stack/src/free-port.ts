import { createServer } from 'node:net';

function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** `preferred`, or the next port after it that nothing listens on (loopback). */
export async function findFreePort(preferred: number, host = '127.0.0.1', attempts = 100): Promise<number> {
  for (let port = preferred; port < preferred + attempts && port <= 65535; port++) {
    if (await isFree(port, host)) return port;
  }
  throw new Error(`no free port between ${preferred} and ${preferred + attempts - 1} on ${host}`);
}
