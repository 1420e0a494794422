import type { FakeLibrary } from '@autoalex/plex/testing';
import { humanDuration } from './human-duration.ts';
import { activityEntry, type HistoryEntry, historyEntry } from './rows.ts';

/**
 * get_history as Tautulli v2.17.2 computes it (webserve.get_history → datafactory.get_datatables_history
 * → datatables.ssp_query): filters on user_id (or user), rating keys, section, media type, dates
 * (server-local days, inclusive); live sessions unioned in when include_activity (Tautulli's default
 * is on); then `search` over friendly_name/ip_address/platform/product/player/full_title; ordering
 * by the named columns (unknown names are ignored, as Tautulli does); start/length slicing.
 * recordsTotal counts every play; filter_duration sums the returned page; total_duration sums the
 * filtered plays without live sessions or the search.
 */

export class HistoryQueryError extends Error {}

const ORDERABLE = [
  'date',
  'friendly_name',
  'ip_address',
  'platform',
  'product',
  'player',
  'full_title',
  'started',
  'paused_counter',
  'stopped',
  'duration',
] as const;

const SEARCHABLE = ['friendly_name', 'ip_address', 'platform', 'product', 'player', 'full_title'] as const;

function list(value: string | null): string[] | undefined {
  if (value === null) return undefined;
  const items = value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return items.length > 0 ? items : undefined;
}

function dayIn(unixSeconds: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(unixSeconds * 1000),
  );
}

function pythonInt(text: string | null, fallback: number): number {
  if (text === null) return fallback;
  if (!/^\s*[+-]?\d+\s*$/.test(text)) throw new HistoryQueryError(`invalid literal for int(): '${text}'`);
  return Number(text);
}

export interface HistoryOptions {
  timeZone: string;
  /** Tautulli's HISTORY_TABLE_ACTIVITY setting: include live sessions when the request does not say. */
  activityByDefault: boolean;
}

export function getHistory(library: FakeLibrary, params: URLSearchParams, options: HistoryOptions) {
  const start = pythonInt(params.get('start'), 0);
  const length = pythonInt(params.get('length'), 25);
  const includeParam = params.get('include_activity');
  const includeActivity =
    includeParam === null ? options.activityByDefault : ['1', 'true', 'yes', 'on'].includes(includeParam.toLowerCase());

  const userIds = list(params.get('user_id'));
  const users = userIds ? undefined : list(params.get('user'));
  const ratingKeys = list(params.get('rating_key'));
  const parentKeys = list(params.get('parent_rating_key'));
  const grandparentKeys = list(params.get('grandparent_rating_key'));
  const sectionIds = list(params.get('section_id'));
  const mediaTypes = list(params.get('media_type'))?.filter((t) => t !== 'all');
  const startDates = list(params.get('start_date'));
  const before = list(params.get('before'));
  const after = list(params.get('after'));

  const matches = (entry: HistoryEntry): boolean => {
    const row = entry.row;
    const day = dayIn(Number(row.started), options.timeZone);
    if (userIds && !userIds.includes(String(row.user_id))) return false;
    if (users && !users.includes(String(row.user))) return false;
    if (ratingKeys && !ratingKeys.includes(String(row.rating_key))) return false;
    if (parentKeys && !parentKeys.includes(String(row.parent_rating_key))) return false;
    if (grandparentKeys && !grandparentKeys.includes(String(row.grandparent_rating_key))) return false;
    if (sectionIds && !sectionIds.includes(String(entry.sectionId))) return false;
    if (mediaTypes && mediaTypes.length > 0 && !mediaTypes.includes(entry.mediaType)) return false;
    if (startDates && !startDates.includes(day)) return false;
    if (before && !before.some((d) => day <= d)) return false;
    if (after && !after.some((d) => day >= d)) return false;
    return true;
  };

  const plays = library.plays
    .map((play) => historyEntry(play, library))
    .filter((e) => library.user(e.row.user_id as number));
  const filteredPlays = plays.filter(matches);
  let rows: HistoryEntry[] = [...filteredPlays];
  if (includeActivity) {
    for (const session of library.sessions) {
      const entry = activityEntry(session, library);
      if (entry && matches(entry)) rows.push(entry);
    }
  }

  const search = params.get('search');
  if (search) {
    const needle = search.toLowerCase();
    rows = rows.filter((e) =>
      SEARCHABLE.some((c) =>
        String(e.row[c] ?? '')
          .toLowerCase()
          .includes(needle),
      ),
    );
  }

  const orderColumns = (params.get('order_column') ?? 'date').split(',').map((c) => c.trim());
  const orderDirs = (params.get('order_dir') ?? 'desc').split(',').map((d) => d.trim().toLowerCase());
  const order = orderColumns
    .map((column, i) => ({ column, desc: (orderDirs[i] ?? '') !== 'asc' }))
    .filter((o): o is { column: (typeof ORDERABLE)[number]; desc: boolean } =>
      (ORDERABLE as readonly string[]).includes(o.column),
    );
  const value = (entry: HistoryEntry, column: (typeof ORDERABLE)[number]): number | string => {
    // `duration` sorts by the track length (session_history_metadata.duration), not the time played.
    if (column === 'duration') return entry.trackDurationMs;
    const v = entry.row[column];
    return typeof v === 'number' ? v : String(v ?? '').toLowerCase();
  };
  if (order.length > 0) {
    rows.sort((a, b) => {
      for (const { column, desc } of order) {
        const x = value(a, column);
        const y = value(b, column);
        if (x === y) continue;
        const cmp = x < y ? -1 : 1;
        return desc ? -cmp : cmp;
      }
      return 0;
    });
  }

  // Python's filtered[start:start + length]; JS slice treats negative ends the same way.
  const page = rows.slice(start, start + length);
  const filterSeconds = page.reduce((sum, e) => sum + e.playDuration, 0);
  const totalSeconds = filteredPlays.reduce((sum, e) => sum + e.playDuration, 0);
  return {
    recordsFiltered: rows.length,
    recordsTotal: library.plays.length,
    data: page.map((e) => e.row),
    draw: 1,
    filter_duration: humanDuration(filterSeconds),
    total_duration: humanDuration(filteredPlays.length > 0 ? totalSeconds : null),
  };
}
