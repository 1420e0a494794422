import type { DiscordInteraction } from '@autoalex/contracts';
import { type CommandName, type CustomId, commandByName, isCommandName, parseCustomId } from '@autoalex/discord';
import type { CommandModule, ComponentModule } from './handler.ts';
import { commandNameOf, componentNoun, customIdOf, dataOf, INTERACTION } from './interaction.ts';
import type { Registered, Registries } from './registry.ts';

type Command = Registered<CommandModule<unknown>>;

export type Route =
  | { readonly kind: 'ignore'; readonly reason: string }
  | ({ readonly kind: 'command'; readonly name: CommandName } & Command)
  | ({ readonly kind: 'autocomplete'; readonly name: CommandName } & Command)
  | ({ readonly kind: 'component'; readonly id: CustomId } & Registered<ComponentModule<unknown>>)
  | { readonly kind: 'unknown-command'; readonly name: string | undefined }
  | { readonly kind: 'expired'; readonly noun: 'button' | 'menu' | 'form'; readonly command: CommandName | undefined };

/** Prefixes named after the command that makes them: "run /queue again". */
function commandOfPrefix(prefix: string): CommandName | undefined {
  return isCommandName(prefix) ? prefix : undefined;
}

/**
 * Chooses the handler: chat-input commands and autocomplete by command name, buttons, menus and
 * form submits by custom_id prefix. A custom_id that is not ours, or has no handler, has expired.
 */
export function route(registries: Registries, interaction: DiscordInteraction): Route {
  switch (interaction.type) {
    case INTERACTION.ping:
      return { kind: 'ignore', reason: 'PING is answered by the ingress' };
    case INTERACTION.command:
    case INTERACTION.autocomplete: {
      const name = commandNameOf(interaction);
      const chatInput = (dataOf(interaction).type ?? 1) === 1;
      const registered = name === undefined ? undefined : registries.commands.get(name);
      if (!chatInput || name === undefined || registered === undefined || commandByName(name) === undefined) {
        return { kind: 'unknown-command', name };
      }
      const command = name as CommandName;
      return interaction.type === INTERACTION.command
        ? { kind: 'command', name: command, ...registered }
        : { kind: 'autocomplete', name: command, ...registered };
    }
    default: {
      const noun = componentNoun(interaction);
      const id = parseCustomId(customIdOf(interaction));
      if (id === null) return { kind: 'expired', noun, command: undefined };
      const registered = registries.components.get(id.prefix);
      if (registered === undefined) return { kind: 'expired', noun, command: commandOfPrefix(id.prefix) };
      return { kind: 'component', id, ...registered };
    }
  }
}
