import { claimIncidentAlert, createDb, type DbClient, getOpenIncident, listRecentIncidents } from '@autoalex/db';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import { createDiscordRest } from '@autoalex/discord';
import { type FakeDiscord, startFakeDiscord } from '@autoalex/discord/testing';
import type { APIMessage } from 'discord-api-types/v10';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alertMessage } from '../src/alerts/messages.ts';
import { type AlertSink, disabledAlerts, discordAlerts } from '../src/alerts/sink.ts';
import { createTracker, type Tracker, type TrackerPolicy } from '../src/incidents/tracker.ts';
import type { MonitorLogger } from '../src/logger.ts';

// A monitor killed after Discord accepted its alert and before it recorded the message id (ADR
// 0229): the tracker against a real Postgres and the fake Discord (enforce_nonce, five-minute
// window), both on one fake clock.

const CHANNEL = '123456789012345678';
const policy: TrackerPolicy = { failureThreshold: 3, successThreshold: 2, reminderIntervalMs: 3_600_000 };
const quiet: MonitorLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

let database: TestDatabase;
let pg: DbClient;
let discord: FakeDiscord;
let now = Date.now();

beforeAll(async () => {
  database = await createTestDatabase();
  pg = createDb(database.url, { max: 4 });
});
afterAll(async () => {
  await pg?.close();
  await database?.drop();
});
beforeEach(async () => {
  now = Date.now();
  discord = await startFakeDiscord({ now: () => now, guilds: [{ channels: [{ id: CHANNEL, name: 'alerts' }] }] });
});
afterEach(async () => {
  await discord?.close();
});

function sink(): AlertSink {
  const rest = createDiscordRest({ api: discord.restOptions.api, token: discord.token });
  return discordAlerts({ rest, channelId: CHANNEL, token: discord.token });
}

function tracker(alerts: AlertSink): Tracker {
  return createTracker({
    db: pg.db,
    alerts,
    diagnose: async () => {
      throw new Error('no container here');
    },
    policy,
    now: () => new Date(now),
    logger: quiet,
  });
}

/** Each step a check 30 s after the last, then housekeeping, as a round does. */
async function rounds(t: Tracker, pattern: string): Promise<void> {
  for (const step of pattern) {
    const down = step === 'd';
    await t.record(
      { id: 'plex' },
      { status: down ? 'down' : 'up', detail: down ? 'refused' : 'ok', at: new Date(now) },
    );
    await t.housekeeping();
    now += 30_000;
  }
}

const messages = () => discord.channelMessages(CHANNEL) as unknown as APIMessage[];
const title = (message: APIMessage | undefined) => message?.embeds[0]?.title;

/** Opens the Plex incident, then posts its alert as a monitor would and "dies" before recording it. */
async function alertPostedButNotRecorded(): Promise<{ alert: APIMessage; replica: Tracker }> {
  const replica = tracker(disabledAlerts('alerts are disabled'));
  await rounds(replica, 'ddd');
  const open = await getOpenIncident(pg.db, 'plex');
  const claimed = await claimIncidentAlert(pg.db, open!.id, { now: new Date(now), staleBefore: new Date(0) });
  await sink().send(alertMessage(claimed!, policy));
  expect(messages()).toHaveLength(1);
  return { alert: messages()[0]!, replica };
}

describe('an alert posted by a monitor killed before it recorded the message id', () => {
  it('is found again with its nonce on resolution, edited to resolved and answered once', async () => {
    const { alert } = await alertPostedButNotRecorded();
    const restarted = tracker(sink());
    // The claim is still fresh: not taken over while Plex is down; Plex comes back within it.
    await rounds(restarted, 'duu');
    expect(messages()).toHaveLength(2);
    const [edited, notice] = messages();
    expect(edited?.id).toBe(alert.id);
    expect(title(edited)).toBe('✅ Plex recovered');
    expect(title(notice)).toBe('✅ Plex is back up');
    expect(notice?.message_reference?.message_id).toBe(alert.id);
    const [row] = await listRecentIncidents(pg.db, 'plex', 1);
    expect(row).toMatchObject({ status: 'resolved', alertMessageId: alert.id, recoveryPending: false });

    await rounds(restarted, 'uuu');
    await rounds(tracker(sink()), 'u'); // another restart owes nothing either
    expect(messages()).toHaveLength(2);
  });

  it('past the nonce window, leaves the alert alone and posts the recovery notice alone, once', async () => {
    const { alert, replica } = await alertPostedButNotRecorded();
    now += 5 * 60_000; // Discord no longer knows the nonce
    // A replica without alerts saw Plex come back before a monitor with alerts looked at the row.
    await rounds(replica, 'uu');
    const restarted = tracker(sink());
    await restarted.housekeeping();
    await restarted.housekeeping();
    expect(messages()).toHaveLength(2);
    const [untouched, notice] = messages();
    expect(untouched?.id).toBe(alert.id);
    expect(title(untouched)).toBe('🔴 Plex is down');
    expect(title(notice)).toBe('✅ Plex is back up');
    expect(notice?.message_reference).toBeUndefined();
    const [row] = await listRecentIncidents(pg.db, 'plex', 1);
    expect(row).toMatchObject({ status: 'resolved', recoveryPending: false, recoveryNoticeId: notice?.id });
  });
});
