import { type CommandName, catalogue, commandNames } from '@autoalex/discord';
import type { CommandModule } from '../handler-types.ts';
import * as boost from './boost.ts';
import { comingLater } from './capabilities.ts';
import * as compare from './compare.ts';
import * as completion from './completion.ts';
import * as help from './help.ts';
import { notAvailable } from './not-available.ts';
import * as reduce from './reduce.ts';
import * as status from './status.ts';
import * as usage from './usage.ts';

/** Commands whose capability has landed: one file each. */
const implemented: Partial<Record<CommandName, CommandModule>> = {
  usage: usage as CommandModule,
  completion: completion as CommandModule,
  compare: compare as CommandModule,
  boost: boost as CommandModule,
  reduce: reduce as CommandModule,
  status: status as CommandModule,
  help: help as CommandModule,
};

/**
 * Every catalogue command → its handler: an implemented file, or the shared "not available yet"
 * handler. Throws (the service refuses to start) when a command has none or two, or when a file's
 * `data` is not the catalogue's.
 */
export function buildCommandRegistry(
  files: Partial<Record<CommandName, CommandModule>> = implemented,
  later: Partial<Record<CommandName, string>> = comingLater,
): ReadonlyMap<string, CommandModule> {
  const problems: string[] = [];
  const registry = new Map<string, CommandModule>();
  for (const name of commandNames) {
    const file = files[name];
    const capability = later[name];
    if (file && capability !== undefined) problems.push(`/${name} has a handler and is also listed as coming later`);
    else if (file) {
      const registered = catalogue.find((c) => c.name === name)?.data;
      if (file.data !== registered) problems.push(`/${name}: the handler's data is not the catalogue's`);
      registry.set(name, file);
    } else if (capability !== undefined) registry.set(name, notAvailable(name, capability));
    else problems.push(`/${name} has no handler and is not listed as coming later`);
  }
  for (const name of [...Object.keys(files), ...Object.keys(later)]) {
    if (!(commandNames as readonly string[]).includes(name)) problems.push(`/${name} is not in the catalogue`);
  }
  if (problems.length > 0) throw new Error(`command registry: ${problems.join('; ')}`);
  return registry;
}
