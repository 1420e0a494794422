const DAY_MS = 86_400_000;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A day number (days since 1970-01-01, UTC) for a Unix time in seconds. */
export function dayOf(unixSeconds: number): number {
  return Math.floor((unixSeconds * 1000) / DAY_MS);
}

/** `YYYY-MM-DD` for a day number, the form Tautulli's `after`/`before` take. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isDay(text: string): boolean {
  const match = YMD.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function toUnixSeconds(value: Date | number): number {
  return value instanceof Date ? Math.floor(value.getTime() / 1000) : Math.floor(value);
}
