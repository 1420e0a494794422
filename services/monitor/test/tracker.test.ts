import {
  claimIncidentAlert,
  createDb,
  type DbClient,
  getOpenIncident,
  listOpenIncidents,
  listRecentIncidents,
  monitorIncidents,
  resolveIncident,
} from '@autoalex/db';
import { createTestDatabase, type TestDatabase } from '@autoalex/db/testing';
import type { RESTPatchAPIChannelMessageJSONBody } from 'discord-api-types/v10';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingAlert } from '../src/alerts/messages.ts';
import { AlertError, type AlertSink, disabledAlerts } from '../src/alerts/sink.ts';
import type { StoredDiagnostics } from '../src/diagnostics.ts';
import { createTracker, type Tracker, type TrackerDeps } from '../src/incidents/tracker.ts';
import type { MonitorLogger } from '../src/logger.ts';

// The tracker against a real Postgres, with a fake clock and a fake alert sink: restarts (a new
// tracker on the same database), replicas, reminders and Discord failures.

const T0 = Date.parse('2026-11-21T08:00:00Z');
const HOUR = 3_600_000;
const CHANNEL = '123456789012345678';

let database: TestDatabase;
let pg: DbClient;
let target = 'plex';
let counter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  pg = createDb(database.url, { max: 4 });
});
afterAll(async () => {
  await pg?.close();
  await database?.drop();
});
beforeEach(async () => {
  // One target per test, and no incident of an earlier test left open to be reminded of.
  target = `test-target-${++counter}`;
  for (const incident of await listOpenIncidents(pg.db)) await resolveIncident(pg.db, incident.target, new Date());
  // Nor an earlier test's recovery notice owed.
  await pg.db.update(monitorIncidents).set({ recoveryPending: false });
});

interface Sent {
  message: OutgoingAlert;
  channelId: string;
  messageId: string;
}

function fakeSink() {
  const sent: Sent[] = [];
  const edits: { channelId: string; messageId: string; body: RESTPatchAPIChannelMessageJSONBody }[] = [];
  let failures = 0;
  let lostAnswers = 0;
  let next = 1000;
  const sink: AlertSink & {
    sent: Sent[];
    edits: typeof edits;
    failNext(n: number): void;
    /** The next post goes out, but its answer never arrives (the monitor dies before reading it). */
    loseNextAnswer(): void;
  } = {
    enabled: true,
    detail: `alerts go to Discord channel ${CHANNEL}`,
    channelId: CHANNEL,
    sent,
    edits,
    failNext(n) {
      failures = n;
    },
    loseNextAnswer() {
      lostAnswers = 1;
    },
    async send(message, inChannel = CHANNEL) {
      if (failures > 0) {
        failures--;
        throw new AlertError('posting an alert: Discord answered 503', 503, false);
      }
      // enforce_nonce, as Discord: the same post again returns the message it made.
      const earlier = sent.find((m) => m.message.body.nonce === message.body.nonce && m.channelId === inChannel);
      const messageId = earlier?.messageId ?? String(100000000000000000 + next++);
      if (!earlier) sent.push({ message, channelId: inChannel, messageId });
      if (lostAnswers > 0) {
        lostAnswers--;
        throw new AlertError('posting an alert: socket hang up', undefined, false);
      }
      return { messageId, channelId: inChannel };
    },
    async edit(channelId, messageId, body) {
      if (failures > 0) {
        failures--;
        throw new AlertError('editing an alert: Discord answered 503', 503, false);
      }
      edits.push({ channelId, messageId, body });
    },
    lastFailure: () => null,
  };
  return sink;
}

function recorder() {
  const lines: { level: string; fields: object; message: string }[] = [];
  const log =
    (level: string) =>
    (fields: object, message: string): void => {
      lines.push({ level, fields, message });
    };
  const logger: MonitorLogger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  return { logger, lines };
}

const diagnostics: StoredDiagnostics = {
  container: 'binhex-plexpass',
  capturedAt: new Date(T0).toISOString(),
  outcome: 'ok',
  title: 'binhex-plexpass: exited (137, OOM killed)',
  summary: ['**State:** exited (exit code 137 (SIGKILL), OOM killed)'],
  logText: 'Killed',
  asAttachment: false,
  codeBlock: '```\nKilled\n```',
  attachmentName: 'binhex-plexpass-logs.txt',
  state: { status: 'exited', exitCode: 137, oomKilled: true, restartCount: 0, health: null },
};

function setup(overrides: Partial<TrackerDeps> = {}) {
  let now = T0;
  const sink = fakeSink();
  const { logger, lines } = recorder();
  let diagnosed = 0;
  const deps: TrackerDeps = {
    db: pg.db,
    alerts: sink,
    diagnose: async () => {
      diagnosed++;
      return diagnostics;
    },
    policy: { failureThreshold: 3, successThreshold: 2, reminderIntervalMs: HOUR },
    now: () => new Date(now),
    logger,
    ...overrides,
  };
  const tracker = createTracker(deps);
  return {
    tracker,
    sink,
    lines,
    deps,
    diagnosed: () => diagnosed,
    advance(ms: number) {
      now += ms;
    },
    at: () => new Date(now),
  };
}

async function check(t: Tracker, status: 'up' | 'down', at: Date, container?: string) {
  await t.record({ id: target, container }, { status, detail: status === 'down' ? 'connection refused' : 'ok', at });
}

/** n checks 30 s apart, then housekeeping, as a round does. */
async function rounds(s: ReturnType<typeof setup>, pattern: string, container = 'binhex-plexpass') {
  for (const step of pattern) {
    await check(s.tracker, step === 'd' ? 'down' : 'up', s.at(), container);
    await s.tracker.housekeeping();
    s.advance(30_000);
  }
}

describe('incident tracker', () => {
  it('opens after three failures, diagnoses once, alerts once and schedules the first reminder', async () => {
    const s = setup();
    await rounds(s, 'dd');
    expect(await getOpenIncident(pg.db, target)).toBeUndefined();
    await rounds(s, 'd');
    const incident = await getOpenIncident(pg.db, target);
    expect(incident).toMatchObject({
      openedAt: new Date(T0),
      failureCount: 1,
      lastError: 'connection refused',
      alertChannelId: CHANNEL,
      alertMessageId: s.sink.sent[0]?.messageId,
    });
    expect(incident?.diagnostics).toEqual(diagnostics);
    expect(incident?.nextReminderAt).toEqual(new Date(T0 + 60_000 + HOUR));
    expect(s.diagnosed()).toBe(1);
    expect(s.sink.sent).toHaveLength(1);
    expect(s.sink.sent[0]?.message.body.content).toBe('```\nKilled\n```');

    await rounds(s, 'ddd');
    expect(s.sink.sent).toHaveLength(1);
    expect(s.diagnosed()).toBe(1);
    expect((await getOpenIncident(pg.db, target))?.failureCount).toBe(4);
  });

  it('after a restart, knows the open incident, does not alert again, and still recovers once', async () => {
    const before = setup();
    await rounds(before, 'ddd');
    expect(before.sink.sent).toHaveLength(1);
    const alertId = before.sink.sent[0]?.messageId;

    const after = setup(); // a new process: fresh memory, same database
    after.advance(5 * 60_000);
    await after.tracker.housekeeping();
    expect(after.tracker.state(target)).toMatchObject({ open: true, failures: 0, successes: 0 });
    await rounds(after, 'd');
    expect(after.sink.sent).toHaveLength(0);
    expect(after.diagnosed()).toBe(0);

    await rounds(after, 'u');
    expect(after.sink.sent).toHaveLength(0);
    await rounds(after, 'u');
    expect(after.sink.edits).toEqual([
      { channelId: CHANNEL, messageId: alertId, body: expect.objectContaining({ embeds: expect.any(Array) }) },
    ]);
    expect(after.sink.sent).toHaveLength(1);
    const notice = after.sink.sent[0]!;
    expect(notice.channelId).toBe(CHANNEL);
    expect(notice.message.body.message_reference).toEqual({ message_id: alertId, fail_if_not_exists: false });
    const [resolved] = await listRecentIncidents(pg.db, target, 1);
    // Down from the first failure (T0) to the first success of the resolving streak.
    expect(resolved).toMatchObject({ status: 'resolved', openedAt: new Date(T0) });
    expect(resolved?.resolvedAt).toEqual(new Date(T0 + 5 * 60_000 + 30_000));

    await rounds(after, 'uuu');
    expect(after.sink.sent).toHaveLength(1);
    expect(after.sink.edits).toHaveLength(1);
  });

  it('reminds at most once per interval, and only one of two monitors does', async () => {
    const a = setup();
    await rounds(a, 'ddd');
    const b = setup();
    b.advance(90_000);
    await b.tracker.housekeeping();

    a.advance(HOUR - 60_000);
    await rounds(a, 'd'); // not yet due
    expect(a.sink.sent).toHaveLength(1);

    a.advance(30_000);
    b.advance(HOUR + 30_000);
    await Promise.all([a.tracker.housekeeping(), b.tracker.housekeeping(), a.tracker.housekeeping()]);
    const reminders = [...a.sink.sent.slice(1), ...b.sink.sent];
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.message.body.embeds?.[0]?.title).toMatch(/is still down$/);
    const incident = await getOpenIncident(pg.db, target);
    expect(incident?.reminderCount).toBe(1);

    a.advance(HOUR - 1000);
    await a.tracker.housekeeping();
    expect(a.sink.sent).toHaveLength(2);
    a.advance(1000);
    await a.tracker.housekeeping();
    expect(a.sink.sent).toHaveLength(3);
    expect(new Set(a.sink.sent.map((m) => m.message.body.nonce)).size).toBe(3);
  });

  it('posts the alert later when Discord refused it, exactly once', async () => {
    const s = setup();
    s.sink.failNext(2);
    await rounds(s, 'ddd'); // opening round: the post fails
    expect((await getOpenIncident(pg.db, target))?.alertMessageId).toBeNull();
    await rounds(s, 'd'); // fails again
    await rounds(s, 'd'); // works
    expect(s.sink.sent).toHaveLength(1);
    expect((await getOpenIncident(pg.db, target))?.alertMessageId).toBe(s.sink.sent[0]?.messageId);
    await rounds(s, 'dd');
    expect(s.sink.sent).toHaveLength(1);
    const warnings = s.lines.filter((l) => l.message === 'cannot post the alert; retrying after the next check');
    expect(warnings).toHaveLength(1);
  });

  it('retries the recovery edit and notice after a failure, without sending either twice', async () => {
    const s = setup();
    await rounds(s, 'ddd');
    s.sink.failNext(1);
    await rounds(s, 'uu'); // resolved; the edit fails, the notice goes out
    expect(s.sink.edits).toHaveLength(0);
    expect(s.sink.sent).toHaveLength(2);
    await rounds(s, 'u');
    expect(s.sink.edits).toHaveLength(1);
    expect(s.sink.sent).toHaveLength(2);
  });

  it('without alerts, records and logs the incident and its resolution', async () => {
    const s = setup({ alerts: disabledAlerts('alerts are disabled: DISCORD_ALERT_CHANNEL_ID is not set') });
    await rounds(s, 'ddduu');
    const [incident] = await listRecentIncidents(pg.db, target, 1);
    expect(incident).toMatchObject({ status: 'resolved', alertMessageId: null });
    expect(s.lines.map((l) => l.message)).toEqual(
      expect.arrayContaining([
        `incident opened: ${target} is down (3 failed checks in a row)`,
        `incident resolved: ${target} is back up`,
      ]),
    );
  });

  it('keeps checking when Postgres is unreachable, logs it once, and opens the incident once it is back', async () => {
    const broken = createDb('postgres://postgres@127.0.0.1:9/nothing', { max: 1 });
    const s = setup({ db: broken.db });
    await rounds(s, 'dddd');
    expect(s.sink.sent).toHaveLength(0);
    const warnings = s.lines.filter((l) => l.level === 'warn');
    // The first round cannot list incidents; the third cannot open one; neither is repeated.
    expect(warnings.map((l) => l.message)).toEqual([
      'cannot read open incidents from Postgres; retrying after the next check',
      'cannot record the incident in Postgres; retrying on the next check',
    ]);
    await broken.close();

    // The same streak, on a working database: the next failure opens it, dated from the first.
    const healed = createTracker({ ...s.deps, db: pg.db });
    for (const [index, step] of ['d', 'd', 'd'].entries()) {
      await healed.record({ id: target }, { status: 'down', detail: step, at: new Date(T0 + index * 30_000) });
    }
    expect((await getOpenIncident(pg.db, target))?.openedAt).toEqual(new Date(T0));
  });

  it('sends what a crash between resolving and the recovery notice left owed, once, after a restart', async () => {
    const before = setup();
    await rounds(before, 'ddd');
    const alertId = before.sink.sent[0]?.messageId;
    // Resolved, then killed before the round's housekeeping could edit the alert or post the notice.
    await check(before.tracker, 'up', before.at());
    before.advance(30_000);
    await check(before.tracker, 'up', before.at());
    const [resolved] = await listRecentIncidents(pg.db, target, 1);
    expect(resolved).toMatchObject({ status: 'resolved', recoveryPending: true });

    const after = setup();
    after.advance(5 * 60_000);
    await after.tracker.housekeeping();
    await after.tracker.housekeeping();
    expect(after.sink.edits).toEqual([
      { channelId: CHANNEL, messageId: alertId, body: expect.objectContaining({ embeds: expect.any(Array) }) },
    ]);
    expect(after.sink.sent).toHaveLength(1);
    expect(after.sink.sent[0]?.message.body.embeds?.[0]?.title).toMatch(/is back up$/);
    const [done] = await listRecentIncidents(pg.db, target, 1);
    expect(done).toMatchObject({ recoveryPending: false, recoveryNoticeId: after.sink.sent[0]?.messageId });
  });

  it('posts a notice whose answer was lost only once: the retry gets the same message back', async () => {
    const s = setup();
    await rounds(s, 'ddd');
    s.sink.loseNextAnswer();
    // The edit goes first, then the notice, whose answer is lost; the next round posts it again.
    await rounds(s, 'uu');
    const noticesBefore = s.sink.sent.length;
    await rounds(s, 'u');
    await rounds(s, 'u');
    expect(s.sink.sent).toHaveLength(noticesBefore);
    expect(s.sink.sent.filter((m) => m.message.body.embeds?.[0]?.title?.endsWith('is back up'))).toHaveLength(1);
    const [done] = await listRecentIncidents(pg.db, target, 1);
    expect(done).toMatchObject({ recoveryPending: false, recoveryNoticeId: s.sink.sent.at(-1)?.messageId });
  });

  it('of two monitors, one posts a pending alert; a monitor that died while posting is taken over later', async () => {
    const quiet = setup({ alerts: disabledAlerts('alerts are disabled') });
    await rounds(quiet, 'ddd');
    const incident = await getOpenIncident(pg.db, target);
    expect(incident?.alertMessageId).toBeNull();

    // A monitor claimed the alert and died before posting it.
    await claimIncidentAlert(pg.db, incident!.id, { now: quiet.at(), staleBefore: new Date(0) });
    const a = setup();
    const b = setup();
    a.advance(90_000);
    b.advance(90_000);
    await Promise.all([a.tracker.housekeeping(), b.tracker.housekeeping()]);
    expect(a.sink.sent.length + b.sink.sent.length).toBe(0);

    a.advance(60_001);
    b.advance(60_001);
    await Promise.all([a.tracker.housekeeping(), b.tracker.housekeeping(), a.tracker.housekeeping()]);
    expect(a.sink.sent.length + b.sink.sent.length).toBe(1);
    const posted = [...a.sink.sent, ...b.sink.sent][0]!;
    expect((await getOpenIncident(pg.db, target))?.alertMessageId).toBe(posted.messageId);
  });
});
