import type { CommandName } from '@autoalex/discord';

/**
 * Commands that are in the catalogue but whose capability has not landed: each answers honestly
 * that it is not available yet, naming what is missing. Remove a line when its command lands in a
 * feature (features/index.ts); the registry check refuses to start when a command is in neither or
 * in both.
 */
export const comingLater = {
  join: 'The voice player',
  generate: 'AI song generation',
  play: 'The voice player',
  pause: 'The voice player',
  skip: 'The voice player',
  loop: 'The voice player',
  playlast: 'The voice player',
  stop: 'The voice player',
  queue: 'The voice player',
  volume: 'The voice player',
  library: 'The personal song library',
  'create-playlist': 'Playlist support',
  'add-to-playlist': 'Playlist support',
  'remove-from-playlist': 'Playlist support',
  'switch-playlist': 'Playlist support',
  filter: 'Genre and style filtering',
} as const satisfies Partial<Record<CommandName, string>>;

export function capabilityOf(name: CommandName): string | undefined {
  return Object.hasOwn(comingLater, name) ? comingLater[name as keyof typeof comingLater] : undefined;
}

export function isAvailable(name: CommandName): boolean {
  return capabilityOf(name) === undefined;
}

/** A capability inside a sentence: "The voice player" → "the voice player"; "AI song generation" stays. */
export function inSentence(capability: string): string {
  return /^[A-Z][a-z]/.test(capability) ? `${capability.charAt(0).toLowerCase()}${capability.slice(1)}` : capability;
}

/** "/play is not available yet — the voice player arrives in a later release." */
export function notAvailableText(name: CommandName, capability: string): string {
  return `/${name} is not available yet — ${inSentence(capability)} arrives in a later release.`;
}
