import type { DiscordInteraction } from '@autoalex/contracts';
import { type FakeDiscord, startFakeDiscord } from '@autoalex/discord/testing';
import { testQueuePrefix, testRedisUrl } from '@autoalex/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUSY_MESSAGE,
  createDeadlineGuard,
  createRestResponder,
  type DeadlineGuard,
  interactionKeys,
  redisClaims,
} from '../src/index.ts';
import { openGatewaySession } from './gateway-session.ts';

// The deadline guard against real Redis (SET NX claims) and the fake Discord (REST calls recorded
// and validated against Discord's OpenAPI description; a callback after 3 s would get 10062).

const prefix = testQueuePrefix();
let redis: Redis;
let fake: FakeDiscord;
let session: { close(): Promise<void> };
let guard: DeadlineGuard;

beforeAll(async () => {
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  fake = await startFakeDiscord();
  session = await openGatewaySession(fake);
  guard = createDeadlineGuard({
    claims: redisClaims(redis, prefix),
    responder: createRestResponder({ apiUrl: fake.restOptions.api }),
    deferAfterMs: 150,
    busyAfterMs: 600,
  });
});

afterAll(async () => {
  guard?.close();
  await session?.close();
  await fake?.close();
  await redis?.quit();
});

function inject(partial: NonNullable<Parameters<FakeDiscord['injectInteraction']>[0]>) {
  const handle = fake.injectInteraction(partial);
  return { handle, interaction: handle.payload as unknown as DiscordInteraction };
}

/** What the interactions service does when it takes a job (ADR 0002). */
async function serviceClaims(id: string, which: 'ack' | 'handled'): Promise<boolean> {
  return (await redis.set(interactionKeys(prefix, id)[which], 'interactions', 'PX', 900_000, 'NX')) === 'OK';
}

describe('deadline guard with Redis and the fake Discord', () => {
  it('defers a command with its default visibility, then edits @original to the busy message', async () => {
    const { handle, interaction } = inject({ data: { name: 'help' } });
    const outcome = await guard.watch(interaction, { receivedAt: Date.now() }).done;
    expect(outcome).toBe('busy');
    const callback = await handle.waitForCallback();
    expect(callback).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(handle.messages()).toMatchObject([{ content: BUSY_MESSAGE, flags: 64 }]);
    const keys = interactionKeys(prefix, handle.id);
    expect(await redis.mget(keys.ack, keys.handled)).toEqual(['guard', 'abandoned']);
    const ttl = await redis.pttl(keys.ack);
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000);
    expect(fake.violations).toEqual([]);
  });

  it('defers a public command without the ephemeral flag', async () => {
    const { handle, interaction } = inject({ data: { name: 'generate' } });
    expect(await guard.watch(interaction, { receivedAt: Date.now() }).done).toBe('busy');
    expect((await handle.waitForCallback()).body).toEqual({ type: 5 });
    expect(handle.messages()).toMatchObject([{ content: BUSY_MESSAGE, flags: 0 }]);
  });

  it('stays out when the interactions service answered first', async () => {
    const { handle, interaction } = inject({ data: { name: 'help' } });
    const receivedAt = Date.now();
    expect(await serviceClaims(handle.id, 'handled')).toBe(true);
    expect(await serviceClaims(handle.id, 'ack')).toBe(true);
    const watch = guard.watch(interaction, { receivedAt });
    const answered = await fetch(`${fake.restOptions.api}/v10/interactions/${handle.id}/${handle.token}/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 4, data: { content: 'here you go' } }),
    });
    expect(answered.status).toBe(204);
    expect(await watch.done).toBe('answered');
    expect(fake.callbacks.filter((c) => c.interactionId === handle.id)).toHaveLength(1);
    expect(handle.messages().map((m) => m.content)).toEqual(['here you go']);
  });

  it('defers, then lets the interactions service that took the job fill the deferral', async () => {
    const { handle, interaction } = inject({ data: { name: 'help' } });
    const watch = guard.watch(interaction, { receivedAt: Date.now() });
    await handle.waitForCallback();
    expect(await serviceClaims(handle.id, 'handled')).toBe(true);
    expect(await serviceClaims(handle.id, 'ack')).toBe(false);
    const edited = await fetch(
      `${fake.restOptions.api}/v10/webhooks/${fake.applicationId}/${handle.token}/messages/%40original`,
      {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'late but real' }),
      },
    );
    expect(edited.status).toBe(200);
    expect(await watch.done).toBe('deferred');
    expect(handle.messages().map((m) => m.content)).toEqual(['late but real']);
  });

  it('answers an autocomplete nobody answered with an empty choice list', async () => {
    const { handle, interaction } = inject({
      type: 4,
      data: { name: 'generate', options: [{ name: 'prompt', type: 3, value: 'ja', focused: true }] },
    });
    expect(await guard.watch(interaction, { receivedAt: Date.now() }).done).toBe('autocomplete-empty');
    expect((await handle.waitForCallback()).body).toEqual({ type: 8, data: { choices: [] } });
    expect(await redis.get(interactionKeys(prefix, handle.id).handled)).toBe('abandoned');
  });

  it('defers a component with a deferred update and leaves its message alone', async () => {
    const { handle, interaction } = inject({ type: 3, data: { custom_id: 'player:skip', component_type: 2 } });
    expect(await guard.watch(interaction, { receivedAt: Date.now() }).done).toBe('busy');
    expect((await handle.waitForCallback()).body).toEqual({ type: 6 });
    const [source, note] = handle.messages();
    expect(source?.content).toBe('');
    expect(source?.components).toHaveLength(1);
    expect(note).toMatchObject({ content: BUSY_MESSAGE, flags: 64 });
    expect(fake.violations).toEqual([]);
  });

  it('answers at once, ephemerally, when the interaction never reached the bus', async () => {
    const { handle, interaction } = inject({ data: { name: 'generate' } });
    expect(await guard.watch(interaction, { receivedAt: Date.now(), published: false }).done).toBe('unavailable');
    expect(handle.messages()).toMatchObject([{ content: BUSY_MESSAGE, flags: 64 }]);
    expect(fake.violations).toEqual([]);
    expect(fake.unhandled).toEqual([]);
  });
});
