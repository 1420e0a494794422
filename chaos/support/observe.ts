import type { CallbackRecord, FakeDiscord, InteractionHandle } from '@autoalex/discord/testing';

// What a chaos case reads to judge an outcome: what the user saw (the fake Discord's records),
// how long it took (from the interaction's snowflake), and how often a file was delivered.

const DISCORD_EPOCH = 1_420_070_400_000n;

/** When Discord (the fake) created an interaction: the timestamp in its snowflake id, epoch ms. */
export function createdAt(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** Milliseconds from the interaction's creation to the callback the fake recorded. */
export function latency(handle: { id: string }, callback: Pick<CallbackRecord, 'at'>): number {
  return callback.at - createdAt(handle.id);
}

/** Resolves once `check` returns something (polling, for state that has no event to await). */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

export const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

/** Every initial response Discord accepted for this interaction (more than one is a bug). */
export function callbacksOf(fake: FakeDiscord, handle: { id: string }): CallbackRecord[] {
  return fake.callbacks.filter((c) => c.interactionId === handle.id);
}

/** The text of every message of this interaction (original and follow-ups), current state. */
export function texts(handle: InteractionHandle): string[] {
  return handle.messages().map((m) => String(m.content ?? ''));
}

/**
 * Every text the user was shown for this interaction over time: the callback's and every edit's or
 * follow-up's content, in order — so a progress message that was later replaced still counts.
 */
export function shownTexts(fake: FakeDiscord, handle: InteractionHandle): string[] {
  const shown: string[] = [];
  for (const request of fake.requests) {
    if (!request.path.includes(handle.token) || request.status >= 400) continue;
    const json = request.json as { type?: number; data?: { content?: unknown }; content?: unknown } | undefined;
    const content = json?.data?.content ?? json?.content;
    if (typeof content === 'string') shown.push(content);
  }
  return shown;
}

/**
 * How many times a file with this extension reached the user for this interaction: every accepted
 * request that carried one (an edit that re-uploads counts again, as the user sees it twice).
 */
export function deliveries(fake: FakeDiscord, handle: InteractionHandle, extension = '.mp3'): number {
  return fake.requests.filter(
    (r) => r.path.includes(handle.token) && r.status < 400 && r.files.some((f) => f.filename.endsWith(extension)),
  ).length;
}
