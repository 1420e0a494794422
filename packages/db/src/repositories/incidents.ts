import { and, desc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { type MonitorIncident, monitorIncidents } from '../schema/monitor.ts';

export interface FailureReport {
  target: string;
  error: string;
  now: Date;
  diagnostics?: Record<string, unknown>;
}

/**
 * Records a failed check of `target`: opens an incident if none is open (`opened: true`), otherwise
 * counts the failure on the open one. Safe when two monitors report at once: the partial unique index
 * lets only one insert win (ON CONFLICT DO NOTHING, so it also works inside a transaction); the loser
 * counts its failure on the winner's incident.
 */
export async function reportFailure(
  db: Db,
  report: FailureReport,
): Promise<{ incident: MonitorIncident; opened: boolean }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [counted] = await db
      .update(monitorIncidents)
      .set({
        failureCount: sql`${monitorIncidents.failureCount} + 1`,
        lastError: report.error,
        updatedAt: report.now,
      })
      .where(and(eq(monitorIncidents.target, report.target), eq(monitorIncidents.status, 'open')))
      .returning();
    if (counted) return { incident: counted, opened: false };
    const [opened] = await db
      .insert(monitorIncidents)
      .values({
        target: report.target,
        status: 'open',
        openedAt: report.now,
        failureCount: 1,
        lastError: report.error,
        diagnostics: report.diagnostics ?? {},
        updatedAt: report.now,
      })
      .onConflictDoNothing({ target: monitorIncidents.target, where: sql`status = 'open'` })
      .returning();
    if (opened) return { incident: opened, opened: true };
    // Another monitor opened it between our update and insert: count the failure on that one.
  }
  throw new Error(`could not record a failure for ${report.target}`);
}

/**
 * Resolves the open incident of `target`, if any, and returns it (status "resolved"). When its alert
 * was posted — or claimed for posting: a monitor may have died between posting it and recording its
 * id — the same UPDATE records that the alert edit and the recovery notice are owed
 * (`recovery_pending`), so a crash right after cannot lose them (ADR 0229).
 */
export async function resolveIncident(db: Db, target: string, now: Date): Promise<MonitorIncident | undefined> {
  const [row] = await db
    .update(monitorIncidents)
    .set({
      status: 'resolved',
      resolvedAt: now,
      nextReminderAt: null,
      updatedAt: now,
      recoveryPending: sql`${monitorIncidents.alertMessageId} is not null or ${monitorIncidents.alertPostingAt} is not null`,
    })
    .where(and(eq(monitorIncidents.target, target), eq(monitorIncidents.status, 'open')))
    .returning();
  return row;
}

export async function getOpenIncident(db: Db, target: string): Promise<MonitorIncident | undefined> {
  const [row] = await db
    .select()
    .from(monitorIncidents)
    .where(and(eq(monitorIncidents.target, target), eq(monitorIncidents.status, 'open')))
    .limit(1);
  return row;
}

export async function listOpenIncidents(db: Db): Promise<MonitorIncident[]> {
  return db
    .select()
    .from(monitorIncidents)
    .where(eq(monitorIncidents.status, 'open'))
    .orderBy(monitorIncidents.openedAt);
}

export async function listRecentIncidents(db: Db, target: string, limit = 10): Promise<MonitorIncident[]> {
  return db
    .select()
    .from(monitorIncidents)
    .where(eq(monitorIncidents.target, target))
    .orderBy(desc(monitorIncidents.openedAt))
    .limit(limit);
}

/**
 * Claims posting the alert of an open incident that has none yet: of several monitors one gets the
 * row; a claim older than `staleBefore` is a monitor that died while posting and is taken over
 * (the alert's nonce then makes Discord hand back the message it may have posted).
 */
export async function claimIncidentAlert(
  db: Db,
  id: number,
  at: { now: Date; staleBefore: Date },
): Promise<MonitorIncident | undefined> {
  const [row] = await db
    .update(monitorIncidents)
    .set({ alertPostingAt: at.now })
    .where(
      and(
        eq(monitorIncidents.id, id),
        eq(monitorIncidents.status, 'open'),
        isNull(monitorIncidents.alertMessageId),
        or(isNull(monitorIncidents.alertPostingAt), lt(monitorIncidents.alertPostingAt, at.staleBefore)),
      ),
    )
    .returning();
  return row;
}

/** Gives a claim back after the post failed, so the next round tries again at once. */
export async function releaseIncidentAlert(db: Db, id: number): Promise<void> {
  await db
    .update(monitorIncidents)
    .set({ alertPostingAt: null })
    .where(and(eq(monitorIncidents.id, id), isNull(monitorIncidents.alertMessageId)));
}

/** Resolved incidents whose alert edit or recovery notice is still owed. */
export async function listPendingRecoveries(db: Db): Promise<MonitorIncident[]> {
  return db
    .select()
    .from(monitorIncidents)
    .where(and(eq(monitorIncidents.recoveryPending, true), eq(monitorIncidents.status, 'resolved')))
    .orderBy(monitorIncidents.resolvedAt);
}

/**
 * Confirms one half of a recovery: the alert was edited (or there is nothing left to edit), or the
 * notice was posted. Nothing is owed any more once both are.
 */
export async function confirmRecoveryStep(
  db: Db,
  id: number,
  step: { edited: Date } | { noticeId: string },
): Promise<void> {
  await db
    .update(monitorIncidents)
    .set(
      'edited' in step
        ? { alertEditedAt: step.edited, recoveryPending: sql`${monitorIncidents.recoveryNoticeId} is null` }
        : { recoveryNoticeId: step.noticeId, recoveryPending: sql`${monitorIncidents.alertEditedAt} is null` },
    )
    .where(eq(monitorIncidents.id, id));
}

/** Counts a failed try at a recovery; after `maxAttempts` nothing more is owed. The count now. */
export async function countRecoveryFailure(db: Db, id: number, maxAttempts: number): Promise<number> {
  const [row] = await db
    .update(monitorIncidents)
    .set({
      recoveryAttempts: sql`${monitorIncidents.recoveryAttempts} + 1`,
      recoveryPending: sql`${monitorIncidents.recoveryAttempts} + 1 < ${maxAttempts}`,
    })
    .where(eq(monitorIncidents.id, id))
    .returning({ attempts: monitorIncidents.recoveryAttempts });
  return row?.attempts ?? maxAttempts;
}

/** Remembers where the alert was posted, so resolution edits that message. */
export async function setIncidentAlert(
  db: Db,
  id: number,
  alert: { channelId: string; messageId: string; nextReminderAt?: Date | null },
): Promise<void> {
  await db
    .update(monitorIncidents)
    .set({
      alertChannelId: alert.channelId,
      alertMessageId: alert.messageId,
      nextReminderAt: alert.nextReminderAt ?? null,
      updatedAt: sql`now()`,
    })
    .where(eq(monitorIncidents.id, id));
}

/**
 * Claims the reminder of an open incident that is due at `now` (next_reminder_at ≤ now) and moves
 * the next one to `nextReminderAt`, in one statement: of several monitors, only one gets the row
 * back and posts the reminder. Undefined when none is due (or the incident is no longer open).
 */
export async function claimIncidentReminder(
  db: Db,
  id: number,
  now: Date,
  nextReminderAt: Date | null,
): Promise<MonitorIncident | undefined> {
  const [row] = await db
    .update(monitorIncidents)
    .set({
      lastReminderAt: now,
      nextReminderAt,
      reminderCount: sql`${monitorIncidents.reminderCount} + 1`,
      updatedAt: now,
    })
    .where(
      and(eq(monitorIncidents.id, id), eq(monitorIncidents.status, 'open'), lte(monitorIncidents.nextReminderAt, now)),
    )
    .returning();
  return row;
}
