import type { CustomIdPrefix } from '@autoalex/discord';
import { type MonitorStatus, readMonitorStatus } from '@autoalex/monitoring';
import { readSuiteHealth, type SuiteHealthRead } from '@autoalex/runtime';
import { saveComponentState } from '../../dispatch/component-state.ts';
import type { Resources } from '../resources.ts';

/** What /status, its Details button and /help need. */
export interface SuiteDeps {
  /** Stores a component's state (Redis, with a TTL) and returns the custom_id that finds it. */
  saveState(prefix: CustomIdPrefix, state: unknown): Promise<string>;
  /** The suite's health from the heartbeats (never throws). */
  readHealth(): Promise<SuiteHealthRead>;
  /** The monitor's watched targets and open incidents (never throws). */
  readMonitor(): Promise<MonitorStatus>;
  now(): number;
}

export function suiteDeps(resources: Resources): SuiteDeps {
  const { db, redis, queuePrefix } = resources;
  const now = resources.now ?? Date.now;
  return {
    saveState: (prefix, state) => saveComponentState(redis, queuePrefix, prefix, state),
    readHealth: () => readSuiteHealth(redis, queuePrefix, { logger: resources.logger }),
    readMonitor: () => readMonitorStatus({ db, redis, queuePrefix, now }),
    now,
  };
}
