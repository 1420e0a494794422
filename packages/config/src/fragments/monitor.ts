import { z } from 'zod';
import { positiveInt, seconds } from '../define.ts';
import { SERVICE_NAMES } from './ports.ts';

/** A comma-separated list of suite services, or `all` / `none`. */
const serviceList = z
  .string()
  .trim()
  .toLowerCase()
  .refine(
    (value) =>
      value === 'all' ||
      value === 'none' ||
      value.split(',').every((name) => (SERVICE_NAMES as readonly string[]).includes(name.trim())),
    { message: `must be all, none, or names from ${SERVICE_NAMES.join(', ')} separated by commas` },
  );

/**
 * The monitor's incident rules (ADR 0150): Gatus-style thresholds, reminders, check deadlines and
 * what it watches besides Plex (PLEX_POLL_INTERVAL sets how often every target is checked).
 */
export const monitor = {
  MONITOR_FAILURE_THRESHOLD: positiveInt(3, 'consecutive failed checks of a target that open an incident', 100),
  MONITOR_SUCCESS_THRESHOLD: positiveInt(2, 'consecutive successful checks that resolve an open incident', 100),
  MONITOR_REMINDER_INTERVAL: seconds(
    21_600,
    'seconds between reminders while an incident stays open (at most one per interval); 0 sends none',
    0,
  ),
  MONITOR_CHECK_TIMEOUT: seconds(10, 'seconds one health check may take before it counts as failed'),
  MONITOR_LOG_LINES: positiveInt(50, 'last container log lines attached to a Plex alert', 1000),
  MONITOR_QUEUE_BACKLOG: positiveInt(100, 'waiting jobs in one queue above which the monitor reports a backlog'),
  MONITOR_SERVICES: serviceList
    .default('all')
    .describe('suite services whose heartbeats the monitor watches: all, none, or names separated by commas'),
};
