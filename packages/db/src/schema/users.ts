import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sqlList, timestamps, timestamptz } from './columns.ts';

export const USER_PLANS = ['free', 'plus', 'admin'] as const;
export type UserPlan = (typeof USER_PLANS)[number];

/** A Discord user who has used the bot, with the Plex account they linked (if any). */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Discord snowflake, kept as text (it does not fit a JS number). */
    discordId: text('discord_id').notNull(),
    discordUsername: text('discord_username'),
    /** Plex account id as Tautulli reports it (plex_users.plex_user_id). */
    plexUserId: integer('plex_user_id'),
    plexUsername: text('plex_username'),
    plan: text('plan', { enum: USER_PLANS }).notNull().default('free'),
    songsGenerated: integer('songs_generated').notNull().default(0),
    remixesThisPeriod: integer('remixes_this_period').notNull().default(0),
    usagePeriodStart: timestamptz('usage_period_start').notNull().defaultNow(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('users_discord_id_key').on(t.discordId),
    uniqueIndex('users_plex_user_id_key').on(t.plexUserId).where(sql`${t.plexUserId} is not null`),
    check('users_plan_check', sql.raw(`plan in (${sqlList(USER_PLANS)})`)),
    check('users_usage_nonnegative', sql`${t.songsGenerated} >= 0 and ${t.remixesThisPeriod} >= 0`),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
