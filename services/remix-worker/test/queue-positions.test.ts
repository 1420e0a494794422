import { randomUUID } from 'node:crypto';
import { type Bus, consoleStreamKey, createBus, createMeta, type JobPayload } from '@autoalex/contracts';
import { createConsoleResponder, readConsoleEntry } from '@autoalex/discord';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueueAnnouncer } from '../src/worker/queue-positions.ts';

// Waiting remixes are told their place in line (real Redis, a queue with no worker on it).

let redis: Redis;
let bus: Bus;
const prefix = testQueuePrefix();
beforeAll(() => {
  redis = new Redis(testRedisUrl());
  bus = createBus({ connection: testRedisUrl(), prefix });
});
afterAll(async () => {
  await bus?.close();
  await redis?.quit();
});

async function texts(sessionId: string): Promise<string[]> {
  const entries = await redis.xrange(consoleStreamKey(prefix, sessionId), '-', '+');
  return entries.flatMap(([, fields]) => {
    const entry = readConsoleEntry(fields);
    return entry.type === 'message' ? [String(entry.message.body.content)] : [];
  });
}

describe('createQueueAnnouncer', () => {
  it('edits each waiting remix with its position, again only when it moved', async () => {
    const sessions = [randomUUID(), randomUUID(), randomUUID()];
    const ids: string[] = [];
    for (const [i, sessionId] of sessions.entries()) {
      ids.push(
        await bus.enqueue('remix', 'remix', {
          source: { kind: 'plex-track', ratingKey: String(5201 + i) },
          stem: 'vocals',
          gainDb: -60,
          preset: 'karaoke',
          reply: { kind: 'console', sessionId, interactionId: '1300000000000000001' },
          meta: createMeta(),
        }),
      );
    }
    const announce = createQueueAnnouncer({
      bus,
      responderFor: (payload: JobPayload<'remix', 'remix'>) =>
        createConsoleResponder({
          redis,
          queuePrefix: prefix,
          target: payload.reply as Extract<typeof payload.reply, { kind: 'console' }>,
          meta: payload.meta,
        }),
    });
    await announce();
    expect(await texts(sessions[0]!)).toEqual(['⏳ Remix (karaoke): queued, position 1 in line.']);
    expect(await texts(sessions[2]!)).toEqual(['⏳ Remix (karaoke): queued, position 3 in line.']);

    // The first one starts (here: is removed); the others move up; nothing changes for the rest.
    await bus.queue('remix').remove(ids[0]!);
    await announce();
    await announce();
    expect(await texts(sessions[1]!)).toEqual([
      '⏳ Remix (karaoke): queued, position 2 in line.',
      '⏳ Remix (karaoke): queued, position 1 in line.',
    ]);
    expect(await texts(sessions[2]!)).toEqual([
      '⏳ Remix (karaoke): queued, position 3 in line.',
      '⏳ Remix (karaoke): queued, position 2 in line.',
    ]);
  });
});
