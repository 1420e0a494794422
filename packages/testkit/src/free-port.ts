import { createServer } from 'node:net';

// Ports for the servers tests start, picked below the kernel's ephemeral range (32768–60999 on
// Linux). Outgoing connections — the Redis, Postgres and HTTP clients of every test running in
// parallel — take their local ports from that range, so a port found free there can be taken by a
// client between the check and the server's bind (a service then exits at start with EADDRINUSE).
const LOW = 20_000;
const HIGH = 32_000;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A TCP port on 127.0.0.1 that was free a moment ago and that no outgoing connection will take. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between ${LOW} and ${HIGH}`);
}
