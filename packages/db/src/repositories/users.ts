import { eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { isUniqueViolation } from '../errors.ts';
import { type User, type UserPlan, users } from '../schema/users.ts';

export interface DiscordIdentity {
  discordId: string;
  discordUsername?: string | null;
}

/** Returns the user for a Discord id, creating it on first sight; refreshes the stored username. */
export async function upsertUser(db: Db, identity: DiscordIdentity): Promise<User> {
  const username = identity.discordUsername ?? null;
  const [row] = await db
    .insert(users)
    .values({ discordId: identity.discordId, discordUsername: username })
    .onConflictDoUpdate({
      target: users.discordId,
      set: {
        discordUsername: sql`coalesce(excluded.discord_username, ${users.discordUsername})`,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  return row!;
}

export async function getUserByDiscordId(db: Db, discordId: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.discordId, discordId)).limit(1);
  return row;
}

export async function getUserByPlexUserId(db: Db, plexUserId: number): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.plexUserId, plexUserId)).limit(1);
  return row;
}

export type LinkPlexResult = { ok: true; user: User } | { ok: false; reason: 'already-linked-elsewhere' | 'no-user' };

/** Links a Plex account (Tautulli user id) to a user; one Plex account links to one Discord user. */
export async function linkPlexUser(
  db: Db,
  userId: string,
  plex: { plexUserId: number; plexUsername: string },
): Promise<LinkPlexResult> {
  const other = await getUserByPlexUserId(db, plex.plexUserId);
  if (other && other.id !== userId) return { ok: false, reason: 'already-linked-elsewhere' };
  try {
    const [row] = await db
      .update(users)
      .set({ plexUserId: plex.plexUserId, plexUsername: plex.plexUsername, updatedAt: sql`now()` })
      .where(eq(users.id, userId))
      .returning();
    return row ? { ok: true, user: row } : { ok: false, reason: 'no-user' };
  } catch (err) {
    if (isUniqueViolation(err)) return { ok: false, reason: 'already-linked-elsewhere' };
    throw err;
  }
}

export async function unlinkPlexUser(db: Db, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ plexUserId: null, plexUsername: null, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}

export async function setUserPlan(db: Db, userId: string, plan: UserPlan): Promise<void> {
  await db.update(users).set({ plan, updatedAt: sql`now()` }).where(eq(users.id, userId));
}

export async function recordSongsGenerated(db: Db, userId: string, count = 1): Promise<void> {
  await db
    .update(users)
    .set({ songsGenerated: sql`${users.songsGenerated} + ${count}`, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}

/**
 * Counts one remix against the user's allowance in one atomic statement, starting a new period first
 * when the current one began `periodMs` or more before `now`. Returns the count within the period,
 * so the caller can compare it with the plan's limit.
 */
export async function recordRemix(db: Db, userId: string, options: { now: Date; periodMs: number }): Promise<number> {
  const cutoff = new Date(options.now.getTime() - options.periodMs).toISOString();
  const expired = sql`${users.usagePeriodStart} <= ${cutoff}::timestamptz`;
  const [row] = await db
    .update(users)
    .set({
      remixesThisPeriod: sql`case when ${expired} then 1 else ${users.remixesThisPeriod} + 1 end`,
      usagePeriodStart: sql`case when ${expired} then ${options.now.toISOString()}::timestamptz else ${users.usagePeriodStart} end`,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, userId))
    .returning({ count: users.remixesThisPeriod });
  if (!row) throw new Error(`no user ${userId}`);
  return row.count;
}
