import { once } from 'node:events';
import type { FakeDiscord } from '@autoalex/discord/testing';
import { WebSocket } from 'ws';

/**
 * Logs a bare gateway connection into the fake Discord, so it accepts injected interactions (it
 * only dispatches to a live session). The tests here answer through REST, like the gateway does.
 */
export async function openGatewaySession(fake: FakeDiscord): Promise<{ close(): Promise<void> }> {
  const ws = new WebSocket(`${fake.gatewayUrl}/?v=10&encoding=json`);
  const ready = new Promise<void>((resolve, reject) => {
    ws.on('message', (raw: Buffer) => {
      const frame = JSON.parse(raw.toString('utf8')) as { op: number; t: string | null };
      if (frame.op === 10) ws.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: 0, properties: {} } }));
      if (frame.t === 'READY') resolve();
    });
    ws.once('close', (code) => reject(new Error(`gateway closed ${code}`)));
  });
  await ready;
  return {
    async close() {
      const closed = once(ws, 'close');
      ws.close(4000);
      await closed;
    },
  };
}
