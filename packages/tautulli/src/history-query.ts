import { isDay } from './dates.ts';
import { TautulliError } from './errors.ts';
import type { Params } from './transport.ts';

/** Columns Tautulli can sort history by (others are ignored by Tautulli, so we refuse them). */
export const HISTORY_ORDER_COLUMNS = [
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
export type HistoryOrderColumn = (typeof HISTORY_ORDER_COLUMNS)[number];

type Key = string | number;

export interface HistoryQuery {
  user_id?: number | readonly number[];
  /** The Plex username (not the friendly name). */
  user?: string;
  rating_key?: Key;
  parent_rating_key?: Key;
  /** For tracks: the artist. */
  grandparent_rating_key?: Key;
  section_id?: Key;
  /** `track` for music. */
  media_type?: string;
  /** `YYYY-MM-DD`, inclusive, in the Tautulli server's time zone. */
  after?: string;
  /** `YYYY-MM-DD`, inclusive, in the Tautulli server's time zone. */
  before?: string;
  start?: number;
  length?: number;
  order_column?: HistoryOrderColumn;
  order_dir?: 'asc' | 'desc';
  /** Live sessions on top of the rows; false unless asked for (Tautulli's own default is on). */
  include_activity?: boolean;
  /** Merge resumed plays of one item into one row (Tautulli's default is its setting, usually on). */
  grouping?: boolean;
  search?: string;
}

const MAX_LENGTH = 10_000;

function bad(message: string): never {
  throw new TautulliError('invalid-argument', `get_history: ${message}`, { cmd: 'get_history' });
}

function key(name: string, value: Key | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^\d+$/.test(text)) bad(`${name} must be a rating key (digits)`);
  return text;
}

/** The query string parameters of a get_history call, checked before anything is sent. */
export function historyParams(query: HistoryQuery): Params {
  const params: Params = {};
  if (query.user_id !== undefined) {
    const ids = typeof query.user_id === 'number' ? [query.user_id] : [...query.user_id];
    if (ids.length === 0 || ids.some((id) => !Number.isInteger(id) || id < 0)) bad('user_id must be user ids');
    params.user_id = ids.join(',');
  }
  if (query.user !== undefined) params.user = query.user;
  params.rating_key = key('rating_key', query.rating_key);
  params.parent_rating_key = key('parent_rating_key', query.parent_rating_key);
  params.grandparent_rating_key = key('grandparent_rating_key', query.grandparent_rating_key);
  params.section_id = key('section_id', query.section_id);
  if (query.media_type !== undefined) params.media_type = query.media_type;
  for (const name of ['after', 'before'] as const) {
    const value = query[name];
    if (value === undefined) continue;
    if (!isDay(value)) bad(`${name} must be a date written YYYY-MM-DD`);
    params[name] = value;
  }
  if (query.start !== undefined) {
    if (!Number.isInteger(query.start) || query.start < 0) bad('start must be a whole number ≥ 0');
    params.start = query.start;
  }
  if (query.length !== undefined) {
    if (!Number.isInteger(query.length) || query.length < 1 || query.length > MAX_LENGTH)
      bad(`length must be a whole number from 1 to ${MAX_LENGTH}`);
    params.length = query.length;
  }
  if (query.order_column !== undefined) {
    if (!HISTORY_ORDER_COLUMNS.includes(query.order_column)) bad('unknown order_column');
    params.order_column = query.order_column;
  }
  if (query.order_dir !== undefined) {
    if (query.order_dir !== 'asc' && query.order_dir !== 'desc') bad('order_dir must be asc or desc');
    params.order_dir = query.order_dir;
  }
  params.include_activity = query.include_activity ? 1 : 0;
  if (query.grouping !== undefined) params.grouping = query.grouping ? 1 : 0;
  if (query.search !== undefined) params.search = query.search;
  return params;
}
