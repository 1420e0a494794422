/** What the monitor's logic logs through: a pino logger fits; tests pass a recorder. */
export interface MonitorLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}
