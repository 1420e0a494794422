import {
  claimIncidentAlert,
  claimIncidentReminder,
  confirmRecoveryStep,
  countRecoveryFailure,
  type Db,
  listOpenIncidents,
  listPendingRecoveries,
  type MonitorIncident,
  releaseIncidentAlert,
  reportFailure,
  resolveIncident,
  setIncidentAlert,
} from '@autoalex/db';
import { describeError } from '@autoalex/runtime';
import { alertMessage, recoveryNotice, reminderMessage, resolvedAlertEdit } from '../alerts/messages.ts';
import { AlertError, type AlertSink } from '../alerts/sink.ts';
import type { StoredDiagnostics } from '../diagnostics.ts';
import type { MonitorLogger } from '../logger.ts';
import {
  type IncidentPolicy,
  initialState,
  markOpen,
  markResolved,
  nextReminderAt,
  type Observation,
  observe,
  type TargetState,
} from './state-machine.ts';

// Applies the state machine's decisions: Postgres first (it is the truth, and it makes opening and
// resolving happen once), then Discord. Every alert is built from the incident row, so whatever a
// crash interrupts is finished by the next round of this or a restarted monitor (ADR 0150). Each
// message is owed on the row before it is sent and confirmed on it after (ADR 0229): the alert is
// claimed, posted, recorded; resolving records the edit and the notice as owed, and they are sent
// and confirmed from the rows. A retry after a crash repeats the same post with the same nonce, so
// Discord hands back the message it already made, or the same edit.

export interface TrackedTarget {
  id: string;
  /** Docker container to diagnose when an incident of this target opens. */
  container?: string | undefined;
}

export interface TrackerPolicy extends IncidentPolicy {
  /** 0: no reminders. */
  reminderIntervalMs: number;
}

export type TrackerEvent = 'opened' | 'resolved' | 'alerted' | 'recovery-notice' | 'reminded';

export interface TrackerDeps {
  db: Db;
  alerts: AlertSink;
  /** Inspects a container and reads its log tail; never throws. */
  diagnose(container: string): Promise<StoredDiagnostics>;
  policy: TrackerPolicy;
  now(): Date;
  logger: MonitorLogger;
  onEvent?: (event: TrackerEvent, target: string) => void;
}

export interface Tracker {
  /** Counts one check of a target; opens or resolves its incident when a threshold is crossed. */
  record(target: TrackedTarget, observation: Observation): Promise<void>;
  /**
   * Re-reads the open incidents, posts alerts not posted yet, sends due reminders and retries
   * recovery notices and edits that failed. Call after each round of checks.
   */
  housekeeping(): Promise<void>;
  state(target: string): TargetState | undefined;
  /** Open incidents as of the last housekeeping. */
  openIncidents(): readonly MonitorIncident[];
}

const MAX_DELIVERY_ATTEMPTS = 5;
/** A claim on posting an alert this old is a monitor that died while posting: well within the
 * few minutes Discord remembers a nonce, so the retry gets the same message back. */
const ALERT_CLAIM_MS = 60_000;
/** Discord returns the message made with a nonce for "a few minutes" (the fake: five); within this
 * much of the claim, re-posting an alert whose id was never recorded hands back that message. */
const ALERT_NONCE_MS = 4 * 60_000;

export function createTracker(deps: TrackerDeps): Tracker {
  const { db, alerts, policy, logger } = deps;
  const states = new Map<string, TargetState>();
  const failing = new Map<string, string>();
  let open: MonitorIncident[] = [];

  /** Logs a failing operation once per distinct message, and its recovery once. */
  function problem(key: string, err: unknown, message: string, fields: object = {}): void {
    const detail = describeError(err);
    if (failing.get(key) !== detail) logger.warn({ ...fields, detail }, message);
    failing.set(key, detail);
  }
  function worked(key: string, message: string): void {
    if (failing.delete(key)) logger.info({ key }, message);
  }

  async function record(target: TrackedTarget, observation: Observation): Promise<void> {
    const before = states.get(target.id) ?? initialState(target.id);
    const { state, decision } = observe(before, observation, policy);
    states.set(target.id, state);
    const key = `postgres:${target.id}`;
    try {
      if (decision.kind === 'open') {
        const diagnostics = target.container ? await deps.diagnose(target.container) : undefined;
        const { incident, opened } = await reportFailure(db, {
          target: target.id,
          error: observation.detail,
          now: decision.since,
          ...(diagnostics ? { diagnostics } : {}),
        });
        states.set(target.id, markOpen(state));
        if (opened) {
          logger.warn(
            { target: target.id, incident: incident.id, since: decision.since, error: observation.detail },
            `incident opened: ${target.id} is down (${decision.failures} failed check${decision.failures === 1 ? '' : 's'} in a row)`,
          );
          deps.onEvent?.('opened', target.id);
        } else {
          logger.info({ target: target.id, incident: incident.id }, 'incident was already open; failure counted on it');
        }
      } else if (decision.kind === 'still-down') {
        const { incident, opened } = await reportFailure(db, {
          target: target.id,
          error: observation.detail,
          now: observation.at,
        });
        if (opened) {
          // Someone resolved it in the database while the target was still down.
          logger.warn({ target: target.id, incident: incident.id }, 'incident reopened: it was resolved elsewhere');
        }
      } else if (decision.kind === 'resolve') {
        const resolved = await resolveIncident(db, target.id, decision.recoveredAt);
        states.set(target.id, markResolved(state));
        if (resolved) {
          const downMs = decision.recoveredAt.getTime() - resolved.openedAt.getTime();
          logger.info(
            { target: target.id, incident: resolved.id, downSeconds: Math.round(downMs / 1000) },
            `incident resolved: ${target.id} is back up`,
          );
          deps.onEvent?.('resolved', target.id);
        }
      }
      worked(key, 'recording incidents works again');
    } catch (err) {
      // The state keeps its streaks: the decision comes again on the next check and is retried.
      problem(key, err, 'cannot record the incident in Postgres; retrying on the next check', { target: target.id });
    }
  }

  async function postAlert(incident: MonitorIncident): Promise<void> {
    const key = `alert:${incident.id}`;
    const now = deps.now();
    let claimed: MonitorIncident | undefined;
    try {
      claimed = await claimIncidentAlert(db, incident.id, {
        now,
        staleBefore: new Date(now.getTime() - ALERT_CLAIM_MS),
      });
    } catch (err) {
      problem('postgres:alert', err, 'cannot claim the alert in Postgres; retrying after the next check');
      return;
    }
    // Another monitor is posting it, or one that died while posting is not yet overdue.
    if (!claimed) return;
    try {
      const sent = await alerts.send(alertMessage(claimed, policy));
      const posted = deps.now();
      await setIncidentAlert(db, incident.id, {
        channelId: sent.channelId,
        messageId: sent.messageId,
        nextReminderAt: nextReminderAt(posted, policy.reminderIntervalMs),
      });
      logger.info(
        { target: incident.target, incident: incident.id, messageId: sent.messageId },
        `alert posted for ${incident.target}`,
      );
      deps.onEvent?.('alerted', incident.target);
      worked(key, 'alert posted after earlier failures');
    } catch (err) {
      problem(key, err, 'cannot post the alert; retrying after the next check', {
        target: incident.target,
        incident: incident.id,
      });
      await releaseIncidentAlert(db, incident.id).catch(() => {});
    }
  }

  async function remind(incident: MonitorIncident, now: Date): Promise<void> {
    const claimed = await claimIncidentReminder(db, incident.id, now, nextReminderAt(now, policy.reminderIntervalMs));
    if (!claimed) return;
    try {
      await alerts.send(reminderMessage(claimed, now), claimed.alertChannelId ?? undefined);
      logger.info({ target: claimed.target, incident: claimed.id }, `reminder posted for ${claimed.target}`);
      deps.onEvent?.('reminded', claimed.target);
    } catch (err) {
      // At most one reminder per interval, so a failed one is skipped rather than repeated.
      logger.warn(
        { target: claimed.target, detail: describeError(err) },
        'cannot post the reminder; the next one is due later',
      );
    }
  }

  /** Sends what resolved incidents still owe: the alert edit, then the recovery notice; confirms each. */
  async function deliverRecoveries(): Promise<void> {
    let pending: MonitorIncident[];
    try {
      pending = await listPendingRecoveries(db);
    } catch (err) {
      problem('postgres:recoveries', err, 'cannot read the owed recovery notices from Postgres');
      return;
    }
    for (const row of pending) {
      const incident = row.alertMessageId ? row : await findUnrecordedAlert(row);
      if (!incident) continue;
      const { alertChannelId: channelId, alertMessageId: messageId } = incident;
      const resolvedAt = incident.resolvedAt ?? deps.now();
      if (!channelId) continue;
      if (messageId && !incident.alertEditedAt) {
        await recoveryStep(incident, 'alert edit', async () => {
          await alerts.edit(channelId, messageId, resolvedAlertEdit(incident, policy, resolvedAt));
          await confirmRecoveryStep(db, incident.id, { edited: deps.now() });
        });
      }
      if (!incident.recoveryNoticeId) {
        await recoveryStep(incident, 'recovery notice', async () => {
          const sent = await alerts.send(recoveryNotice(incident, policy, resolvedAt), channelId);
          await confirmRecoveryStep(db, incident.id, { noticeId: sent.messageId });
          deps.onEvent?.('recovery-notice', incident.target);
        });
      }
    }
  }

  /**
   * A resolved incident whose alert was claimed but whose id was never recorded (a monitor killed
   * between posting and saving it): re-posting with the same nonce makes Discord hand back that
   * message, whose id is then recorded. Past the nonce window a re-post would be a second alert, so
   * there is nothing to edit and the notice goes out alone (in the alert channel, replying to nothing).
   */
  async function findUnrecordedAlert(incident: MonitorIncident): Promise<MonitorIncident | undefined> {
    const claimedAt = incident.alertPostingAt;
    const channelId = alerts.channelId;
    if (!claimedAt || !channelId) return undefined;
    // Only the notice is left (the edit was given up on below, on an earlier round).
    if (incident.alertEditedAt) return { ...incident, alertChannelId: channelId };
    if (deps.now().getTime() - claimedAt.getTime() > ALERT_NONCE_MS) {
      try {
        const edited = deps.now();
        await confirmRecoveryStep(db, incident.id, { edited });
        logger.warn(
          { target: incident.target, incident: incident.id },
          'the alert id was never recorded and Discord no longer knows its nonce: the recovery notice goes alone',
        );
        return { ...incident, alertChannelId: channelId, alertEditedAt: edited };
      } catch (err) {
        problem('postgres:recoveries', err, 'cannot record a recovery step in Postgres');
        return undefined;
      }
    }
    let found: MonitorIncident | undefined;
    await recoveryStep(incident, 'alert re-post', async () => {
      const sent = await alerts.send(alertMessage(incident, policy));
      await setIncidentAlert(db, incident.id, { channelId: sent.channelId, messageId: sent.messageId });
      logger.info(
        { target: incident.target, incident: incident.id, messageId: sent.messageId },
        'recorded the alert a killed monitor had posted',
      );
      found = { ...incident, alertChannelId: sent.channelId, alertMessageId: sent.messageId };
    });
    return found;
  }

  /** One half of a recovery; a failure is counted on the row, and a deleted alert is not edited. */
  async function recoveryStep(incident: MonitorIncident, what: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (err) {
      const fields = { target: incident.target, incident: incident.id, detail: describeError(err) };
      try {
        if (what === 'alert edit' && err instanceof AlertError && err.missing) {
          // The alert (or its channel) was deleted: nothing to edit; the notice still goes out.
          await confirmRecoveryStep(db, incident.id, { edited: deps.now() });
          logger.error(fields, `giving up on the ${what}`);
          return;
        }
        const attempts = await countRecoveryFailure(db, incident.id, MAX_DELIVERY_ATTEMPTS);
        if (attempts >= MAX_DELIVERY_ATTEMPTS) logger.error({ ...fields, attempts }, `giving up on the ${what}`);
        else logger.warn({ ...fields, attempts }, `cannot send the ${what}; retrying after the next check`);
      } catch (recordErr) {
        problem('postgres:recoveries', recordErr, 'cannot record a failed recovery notice in Postgres');
      }
    }
  }

  async function housekeeping(): Promise<void> {
    try {
      open = await listOpenIncidents(db);
      worked('postgres:list', 'reading incidents works again');
    } catch (err) {
      problem('postgres:list', err, 'cannot read open incidents from Postgres; retrying after the next check');
      return;
    }
    // Postgres is the truth: an incident opened or resolved by another monitor (or by hand) counts.
    const openTargets = new Set(open.map((incident) => incident.target));
    for (const [target, state] of states) {
      const isOpen = openTargets.has(target);
      if (state.open !== isOpen) states.set(target, isOpen ? markOpen(state) : markResolved(state));
    }
    for (const incident of open) {
      if (!states.has(incident.target)) states.set(incident.target, initialState(incident.target, true));
    }
    if (alerts.enabled) {
      const now = deps.now();
      for (const incident of open) {
        if (!incident.alertMessageId) await postAlert(incident);
        else if (incident.nextReminderAt && incident.nextReminderAt <= now) {
          try {
            await remind(incident, now);
          } catch (err) {
            problem('postgres:remind', err, 'cannot claim the reminder in Postgres');
          }
        }
      }
    }
    if (alerts.enabled) await deliverRecoveries();
  }

  return {
    record,
    housekeeping,
    state: (target) => states.get(target),
    openIncidents: () => open,
  };
}
