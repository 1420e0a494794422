import type { LoopMode } from '@autoalex/terms/player';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { guildQueueState, type QueueItem, queueItemsSchema } from '../schema/guild-queue.ts';

export interface QueueSnapshot {
  guildId: string;
  voiceChannelId: string | null;
  textChannelId: string | null;
  items: QueueItem[];
  currentIndex: number | null;
  positionMs: number;
  loopMode: LoopMode;
  volume: number;
  paused: boolean;
}

/** Saves the player's state for a guild (the Postgres copy; Redis holds the live one). Items are validated. */
export async function saveQueueState(db: Db, state: QueueSnapshot): Promise<void> {
  const items = queueItemsSchema.parse(state.items);
  const values = { ...state, items, updatedAt: new Date() };
  await db
    .insert(guildQueueState)
    .values(values)
    .onConflictDoUpdate({
      target: guildQueueState.guildId,
      set: { ...values, updatedAt: sql`now()` },
    });
}

/** The saved state, or undefined. Stored items that no longer validate are dropped, not fatal. */
export async function loadQueueState(db: Db, guildId: string): Promise<QueueSnapshot | undefined> {
  const [row] = await db.select().from(guildQueueState).where(eq(guildQueueState.guildId, guildId)).limit(1);
  if (!row) return undefined;
  const parsed = queueItemsSchema.safeParse(row.items);
  const items = parsed.success ? parsed.data : [];
  const currentIndex = row.currentIndex !== null && row.currentIndex < items.length ? row.currentIndex : null;
  const { updatedAt: _updatedAt, ...rest } = row;
  return { ...rest, items, currentIndex };
}

export async function deleteQueueState(db: Db, guildId: string): Promise<void> {
  await db.delete(guildQueueState).where(eq(guildQueueState.guildId, guildId));
}

/** Guilds with a saved queue, for the player to resume after a restart. */
export async function listSavedQueueGuilds(db: Db): Promise<string[]> {
  const rows = await db.select({ guildId: guildQueueState.guildId }).from(guildQueueState);
  return rows.map((r) => r.guildId);
}
