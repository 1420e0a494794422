import { type CommandName, catalogue, commandNames } from '@autoalex/discord';
import type { CommandModule, ComponentModule, Feature } from './handler.ts';

/** A handler with the deps of its feature: the dispatcher calls `module.handle(deps, input)`. */
export interface Registered<M> {
  readonly module: M;
  readonly deps: unknown;
}

export interface Registries {
  /** Every catalogue command, by name. */
  readonly commands: ReadonlyMap<string, Registered<CommandModule<unknown>>>;
  /** Every component family, by custom_id prefix. */
  readonly components: ReadonlyMap<string, Registered<ComponentModule<unknown>>>;
}

/** What the catalogue holds beyond the features: the commands whose capability has not landed. */
export interface NotYetLanded {
  /** Command → the capability it waits for ("The voice player"). */
  readonly comingLater: Partial<Record<CommandName, string>>;
  /** The one handler those commands share. */
  notAvailable(name: CommandName, capability: string): CommandModule<unknown>;
}

/**
 * Every catalogue command → its handler (a feature's file, or the shared "not available yet"
 * handler) and every custom_id prefix → its component family, each with its feature's deps.
 * Throws (the service refuses to start) when a command has no handler or two, a command is not in
 * the catalogue, a file's `data` is not the catalogue's, or a prefix has two families.
 */
export function buildRegistries(
  features: Readonly<Record<string, Feature<unknown, never>>>,
  deps: Readonly<Record<string, unknown>>,
  notYet: NotYetLanded,
): Registries {
  const problems: string[] = [];
  const files = new Map<string, Registered<CommandModule<unknown>> & { feature: string }>();
  const components = new Map<string, Registered<ComponentModule<unknown>>>();
  for (const [feature, definition] of Object.entries(features)) {
    const featureDeps = deps[feature];
    for (const [name, module] of Object.entries(definition.commands)) {
      if (module === undefined) continue;
      const other = files.get(name);
      if (other) problems.push(`/${name} has two handlers (features ${other.feature} and ${feature})`);
      else files.set(name, { module: module as CommandModule<unknown>, deps: featureDeps, feature });
    }
    for (const module of definition.components ?? []) {
      if (components.has(module.prefix))
        throw new Error(`component registry: two handlers for prefix '${module.prefix}'`);
      components.set(module.prefix, { module, deps: featureDeps });
    }
  }

  const commands = new Map<string, Registered<CommandModule<unknown>>>();
  for (const name of commandNames) {
    const file = files.get(name);
    const capability = notYet.comingLater[name];
    if (file && capability !== undefined) problems.push(`/${name} has a handler and is also listed as coming later`);
    else if (file) {
      const registered = catalogue.find((c) => c.name === name)?.data;
      if (file.module.data !== registered) problems.push(`/${name}: the handler's data is not the catalogue's`);
      commands.set(name, { module: file.module, deps: file.deps });
    } else if (capability !== undefined) {
      commands.set(name, { module: notYet.notAvailable(name, capability), deps: undefined });
    } else problems.push(`/${name} has no handler and is not listed as coming later`);
  }
  for (const name of [...files.keys(), ...Object.keys(notYet.comingLater)]) {
    if (!(commandNames as readonly string[]).includes(name)) problems.push(`/${name} is not in the catalogue`);
  }
  if (problems.length > 0) throw new Error(`command registry: ${problems.join('; ')}`);
  return { commands, components };
}
