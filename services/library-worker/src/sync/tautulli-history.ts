import type { Logger } from '@autoalex/contracts';
import {
  type Db,
  deletePlays,
  getSyncState,
  type PlayInput,
  saveSyncState,
  storedPlayIds,
  upsertPlays,
  upsertPlexUsers,
} from '@autoalex/db';
import type { HistoryRow, TautulliClient } from '@autoalex/tautulli';
import type { SyncMode, SyncTracker } from './tracker.ts';

export interface HistoryDeps {
  db: Db;
  tautulli: TautulliClient;
  logger: Logger;
  tracker: SyncTracker;
  /** How far an incremental sync reaches back before a user's last synced play. */
  overlapMs: number;
  signal?: AbortSignal;
  /** Plays per write (default 5,000). */
  batchSize?: number;
}

export interface HistoryOptions {
  mode: SyncMode;
  /** The Plex server plays are linked to on insert; null when Plex is not configured. */
  serverId: number | null;
  /** Incremental only: fetch every user's plays from this time instead of from their cursor. */
  since?: Date;
}

export interface HistoryResult {
  users: number;
  /** Plays Tautulli returned. */
  fetched: number;
  /** Plays inserted or changed. */
  written: number;
  /** Stored plays Tautulli no longer has (full sync only). */
  deleted: number;
  /** Rows without a rating key (nothing to count them for). */
  skipped: number;
  ms: number;
}

/** sync_state source holding one user's cursor: the `started` (Unix seconds) of the last play stored. */
export const userCursorSource = (plexUserId: number) => `tautulli:history:user:${plexUserId}`;

export function toPlayInput(row: HistoryRow): PlayInput | undefined {
  if (row.row_id === null || row.rating_key === null) return undefined;
  return {
    rowId: row.row_id,
    plexUserId: row.user_id,
    mediaType: row.media_type,
    ratingKey: row.rating_key,
    parentRatingKey: row.parent_rating_key,
    grandparentRatingKey: row.grandparent_rating_key,
    title: row.title,
    parentTitle: row.parent_title,
    grandparentTitle: row.grandparent_title,
    originalTitle: row.original_title?.trim() ? row.original_title : null,
    mediaIndex: row.media_index,
    parentMediaIndex: row.parent_media_index,
    started: row.started,
    stopped: row.stopped || null,
    durationPlayedS: row.duration,
    percentComplete: row.percent_complete,
    watchedStatus: row.watched_status,
  };
}

function stopIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('history sync aborted');
}

/**
 * Mirrors Tautulli's music history user by user with the client's date-window iterator (never large
 * offsets, ADR 0091). A full sync reads each user's whole history and then deletes stored plays
 * Tautulli no longer has; an incremental one starts at the user's cursor minus `overlapMs` (plays
 * are written when they stop, so one that started before the cursor can appear later) — plays seen
 * again are upserted, not duplicated. Writes go in batches with one write in flight while the next
 * batch is fetched; the cursor is saved after each write, so an interrupted sync resumes there.
 */
export async function syncTautulliHistory(deps: HistoryDeps, options: HistoryOptions): Promise<HistoryResult> {
  const { db, tautulli, logger, tracker, signal } = deps;
  const batchSize = deps.batchSize ?? 5000;
  const started = performance.now();
  const users = await tautulli.users();
  await upsertPlexUsers(
    db,
    users.map((u) => ({
      plexUserId: u.user_id,
      username: u.username,
      friendlyName: u.friendly_name,
      thumb: u.thumb ?? null,
    })),
  );
  tracker.set('usersTotal', users.length);
  const result: HistoryResult = { users: users.length, fetched: 0, written: 0, deleted: 0, skipped: 0, ms: 0 };

  for (const [index, user] of users.entries()) {
    stopIfAborted(signal);
    tracker.phase(`tautulli:history (user ${index + 1}/${users.length})`);
    const source = userCursorSource(user.user_id);
    const cursor = Number((await getSyncState(db, source))?.cursor ?? Number.NaN);
    const since =
      options.mode === 'full'
        ? new Date(0)
        : options.since
          ? options.since
          : Number.isFinite(cursor)
            ? new Date(Math.max(0, cursor * 1000 - deps.overlapMs))
            : new Date(0);

    let batch: PlayInput[] = [];
    let lastStarted = Number.isFinite(cursor) ? cursor : 0;
    const seenIds = options.mode === 'full' ? new Set<number>() : undefined;
    let pending: Promise<void> = Promise.resolve();
    const flush = async () => {
      const rows = batch;
      batch = [];
      const cursorAfter = rows.reduce((max, r) => Math.max(max, r.started), lastStarted);
      await pending;
      pending = (async () => {
        result.written += await upsertPlays(db, rows, options.serverId);
        await saveSyncState(db, source, { cursor: String(cursorAfter) });
        tracker.add('plays', rows.length);
      })();
      pending.catch(() => {}); // surfaced by the next await
      lastStarted = cursorAfter;
    };

    let userFetched = 0;
    for await (const row of tautulli.historyByUserSince(user.user_id, since, { mediaType: 'track' })) {
      userFetched++;
      const play = toPlayInput(row);
      if (!play) {
        result.skipped++;
        continue;
      }
      seenIds?.add(play.rowId);
      batch.push(play);
      if (batch.length >= batchSize) {
        stopIfAborted(signal);
        await flush();
      }
    }
    if (batch.length > 0) await flush();
    await pending;
    result.fetched += userFetched;

    if (seenIds) {
      const gone = (await storedPlayIds(db, user.user_id)).filter((id) => !seenIds.has(id));
      if (gone.length > 0) result.deleted += await deletePlays(db, gone);
    }
    tracker.set('users', index + 1);
    logger.info(
      { plexUserId: user.user_id, user: user.username, plays: userFetched, since: since.toISOString() },
      'tautulli history of user synced',
    );
  }
  result.ms = Math.round(performance.now() - started);
  logger.info(result, 'tautulli history synced');
  return result;
}
