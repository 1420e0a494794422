import * as addToPlaylist from './commands/add-to-playlist.ts';
import * as boost from './commands/boost.ts';
import * as compare from './commands/compare.ts';
import * as completion from './commands/completion.ts';
import * as createPlaylist from './commands/create-playlist.ts';
import * as filter from './commands/filter.ts';
import * as generate from './commands/generate.ts';
import * as help from './commands/help.ts';
import * as join from './commands/join.ts';
import * as library from './commands/library.ts';
import * as loop from './commands/loop.ts';
import * as pause from './commands/pause.ts';
import * as play from './commands/play.ts';
import * as playlast from './commands/playlast.ts';
import * as queue from './commands/queue.ts';
import * as reduce from './commands/reduce.ts';
import * as removeFromPlaylist from './commands/remove-from-playlist.ts';
import * as skip from './commands/skip.ts';
import * as status from './commands/status.ts';
import * as stop from './commands/stop.ts';
import * as switchPlaylist from './commands/switch-playlist.ts';
import * as usage from './commands/usage.ts';
import * as volume from './commands/volume.ts';
import type { ChatCommand, Visibility } from './define/command.ts';

/** Every slash command of the product, library half first, then the studio, then the suite. */
export const catalogue = [
  usage.command,
  completion.command,
  compare.command,
  boost.command,
  reduce.command,
  join.command,
  generate.command,
  play.command,
  pause.command,
  skip.command,
  loop.command,
  playlast.command,
  stop.command,
  queue.command,
  volume.command,
  library.command,
  createPlaylist.command,
  addToPlaylist.command,
  removeFromPlaylist.command,
  switchPlaylist.command,
  filter.command,
  status.command,
  help.command,
] as const;

type Catalogue = (typeof catalogue)[number];
export type CommandName = Catalogue['name'];

/** The validated options a handler of command `N` receives. */
export type OptionsOf<N extends CommandName> =
  Extract<Catalogue, { name: N }> extends ChatCommand<N, infer V> ? V : never;

export const commandNames: readonly CommandName[] = catalogue.map((c) => c.name);

const byName: ReadonlyMap<string, ChatCommand> = new Map(catalogue.map((c) => [c.name, c as ChatCommand]));

/** The command called `name`, or undefined. Safe on any input. */
export function commandByName<N extends CommandName>(name: N): Extract<Catalogue, { name: N }>;
export function commandByName(name: unknown): ChatCommand | undefined;
export function commandByName(name: unknown): ChatCommand | undefined {
  return typeof name === 'string' ? byName.get(name) : undefined;
}

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && byName.has(name);
}

/**
 * Which commands a deployment registers: `all`, or one half of the product (`library`: Plex and
 * Tautulli features, `studio`: AI songs and the player). The suite's own commands (status, help)
 * come with either half.
 */
export type Scope = 'all' | 'library' | 'studio';
export const scopes: readonly Scope[] = ['all', 'library', 'studio'];

export function commandsFor(scope: Scope): readonly ChatCommand[] {
  if (!scopes.includes(scope)) throw new TypeError(`unknown scope '${String(scope)}'; use ${scopes.join(', ')}`);
  if (scope === 'all') return catalogue;
  return catalogue.filter((c) => c.area === scope || c.area === 'suite');
}

/** Default visibility of a command's first answer; unknown commands get ephemeral errors. */
export function defaultVisibility(name: unknown): Visibility {
  return commandByName(name)?.visibility ?? 'ephemeral';
}
