export {
  createTautulliClient,
  type TautulliActivity,
  type TautulliClient,
  type TautulliClientOptions,
} from './client.ts';
export { isTautulliError, TautulliError, type TautulliErrorKind } from './errors.ts';
export { HISTORY_ORDER_COLUMNS, type HistoryOrderColumn, type HistoryQuery } from './history-query.ts';
export type { HistoryPage, WindowedHistoryOptions } from './history-windows.ts';
export type { ActivitySession, HistoryRow, TautulliLibrary, TautulliServerInfo, TautulliUser } from './schemas.ts';
