import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { sqlList, timestamptz } from './columns.ts';

export const INCIDENT_STATUSES = ['open', 'resolved'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/**
 * A health incident of one monitored target (e.g. "plex", "service:remix-worker"). At most one is
 * open per target (partial unique index), so two monitor replicas cannot both open one.
 */
export const monitorIncidents = pgTable(
  'monitor_incidents',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    target: text('target').notNull(),
    status: text('status', { enum: INCIDENT_STATUSES }).notNull().default('open'),
    openedAt: timestamptz('opened_at').notNull().defaultNow(),
    resolvedAt: timestamptz('resolved_at'),
    /** Consecutive failed checks while open. */
    failureCount: integer('failure_count').notNull().default(1),
    lastError: text('last_error'),
    alertChannelId: text('alert_channel_id'),
    alertMessageId: text('alert_message_id'),
    /** A monitor claimed posting the alert; a claim this old is taken over (ADR 0229). */
    alertPostingAt: timestamptz('alert_posting_at'),
    /**
     * Set in the same UPDATE that resolves an incident whose alert was posted: the alert edit and
     * the recovery notice are owed, until both are confirmed below or given up (ADR 0229).
     */
    recoveryPending: boolean('recovery_pending').notNull().default(false),
    alertEditedAt: timestamptz('alert_edited_at'),
    recoveryNoticeId: text('recovery_notice_id'),
    /** Failed tries at the edit and the notice; given up after a few. */
    recoveryAttempts: integer('recovery_attempts').notNull().default(0),
    lastReminderAt: timestamptz('last_reminder_at'),
    nextReminderAt: timestamptz('next_reminder_at'),
    reminderCount: integer('reminder_count').notNull().default(0),
    /** Container state, log tail and the like, captured when the incident opened. */
    diagnostics: jsonb('diagnostics').$type<Record<string, unknown>>().notNull().default({}),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('monitor_incidents_one_open_per_target').on(t.target).where(sql`status = 'open'`),
    index('monitor_incidents_target_opened_idx').on(t.target, t.openedAt.desc()),
    index('monitor_incidents_recovery_pending_idx').on(t.id).where(sql`recovery_pending`),
    check('monitor_incidents_status_check', sql.raw(`status in (${sqlList(INCIDENT_STATUSES)})`)),
    check('monitor_incidents_resolved_consistent', sql`(status = 'resolved') = (resolved_at is not null)`),
  ],
);

export type MonitorIncident = typeof monitorIncidents.$inferSelect;
