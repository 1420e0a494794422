import { randomBytes } from 'node:crypto';

/**
 * `custom_id` of buttons, select menus and modals: `<prefix>:<stateKey>`. The prefix routes the
 * interaction to its component handler; the state key names the component's state in Redis (with
 * a TTL). Nothing else travels in the id (conventions §9): a forged or stale id finds no state.
 * Add a prefix here when a new component family is added.
 */
export const customIdPrefixes = [
  'queue', // queue pages and player buttons
  'library', // library pages and song pickers
  'playlist', // playlist pickers and buttons
  'song', // buttons under a generated song (play, add to playlist, regenerate)
  'remix', // buttons under a finished remix (play, download, another stem)
  'usage', // usage pages
  'completion', // discography pages
  'compare', // listening-battle pages
  'status', // status details
  'help', // help pages
  'confirm', // yes/no confirmations
] as const;

export type CustomIdPrefix = (typeof customIdPrefixes)[number];

export interface CustomId {
  readonly prefix: CustomIdPrefix;
  readonly stateKey: string;
}

/** Discord's limit for `custom_id`. */
export const maxCustomIdLength = 100;

const knownPrefixes: ReadonlySet<string> = new Set(customIdPrefixes);
const stateKeyPattern = /^[A-Za-z0-9_-]+$/;
const customIdPattern = /^([a-z][a-z-]*):([A-Za-z0-9_-]+)$/;

/** Builds a custom_id. Throws TypeError on a prefix or key it could never parse back (a bug). */
export function customId(prefix: CustomIdPrefix, stateKey: string): string {
  if (!knownPrefixes.has(prefix)) throw new TypeError(`customId: unknown prefix '${String(prefix)}'`);
  if (typeof stateKey !== 'string' || !stateKeyPattern.test(stateKey)) {
    throw new TypeError('customId: state key must be A-Z a-z 0-9 _ - only, and not empty');
  }
  const id = `${prefix}:${stateKey}`;
  if (id.length > maxCustomIdLength) throw new TypeError(`customId: longer than ${maxCustomIdLength} characters`);
  return id;
}

/** Reads a custom_id that came back from Discord; null for anything that is not one of ours. */
export function parseCustomId(raw: unknown): CustomId | null {
  if (typeof raw !== 'string' || raw.length > maxCustomIdLength) return null;
  const match = customIdPattern.exec(raw);
  if (match === null) return null;
  const [, prefix, stateKey] = match;
  if (prefix === undefined || stateKey === undefined || !knownPrefixes.has(prefix)) return null;
  return { prefix: prefix as CustomIdPrefix, stateKey };
}

/** A fresh, unguessable state key (22 characters, 128 bits). */
export function newStateKey(): string {
  return randomBytes(16).toString('base64url');
}
