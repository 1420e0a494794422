import { type CommandName, commandByName } from '@autoalex/discord';
import type { CommandModule } from '../../dispatch/handler.ts';
import { notAvailableText } from './capabilities.ts';

/**
 * The one handler every command whose capability has not landed shares: an honest, ephemeral
 * "not available yet", and the same line as the only autocomplete suggestion.
 */
export function notAvailable(name: CommandName, capability: string): CommandModule<unknown> {
  const text = notAvailableText(name, capability);
  return {
    data: commandByName(name).data,
    unavailable: true,
    async handle(_deps, { respond }) {
      await respond.reply({ content: text, ephemeral: true });
      return 'rejected';
    },
    async autocomplete(_deps, { respond }) {
      await respond.autocomplete([{ name: `${capability} arrives in a later release`, value: 'not-available' }]);
    },
  };
}
