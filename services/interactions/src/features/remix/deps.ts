import { type JobInput, peekRemixAllowance, type RemixAllowance } from '@autoalex/contracts';
import { searchTracks } from '@autoalex/db';
import { type Choice, trackChoices } from '@autoalex/listening';
import { readSuiteHealth, type SuiteHealthRead } from '@autoalex/runtime';
import type { Resources } from '../resources.ts';
import { resolveTrack, type TrackLookup } from './resolve-track.ts';

export type RemixJobInput = JobInput<'remix', 'remix'>;

/** What /boost and /reduce need. */
export interface RemixDeps {
  /** Tracks of the library mirror in Postgres, never Plex itself. */
  readonly library: {
    /** A `track` option's value: a picked rating key or a typed title. */
    findTrack(text: string): Promise<TrackLookup>;
    trackChoices(text: string): Promise<Choice[]>;
  };
  /** The suite's health from the heartbeats: is a remix-worker running? (never throws) */
  readHealth(): Promise<SuiteHealthRead>;
  readonly remix: {
    /** Whether the remix-worker would take one more remix of this Discord user now (never counts one). */
    allowance(userId: string): Promise<RemixAllowance>;
    /** Adds the job to the `remix` queue (the worker answers `reply` from then on); rejects when Redis does not take it. */
    enqueue(payload: RemixJobInput): Promise<string>;
  };
}

export function remixDeps(resources: Resources): RemixDeps {
  const { db, redis, queuePrefix, bus } = resources;
  const now = resources.now ?? Date.now;
  return {
    library: {
      findTrack: (text) => resolveTrack({ search: (t, n) => searchTracks(db, t, n) }, text),
      trackChoices: (text) => trackChoices({ db }, text),
    },
    readHealth: () => readSuiteHealth(redis, queuePrefix, { logger: resources.logger }),
    remix: {
      allowance: (userId) => peekRemixAllowance(redis, queuePrefix, resources.remixLimits, userId, now()),
      enqueue: (payload) => bus.enqueue('remix', 'remix', payload),
    },
  };
}
