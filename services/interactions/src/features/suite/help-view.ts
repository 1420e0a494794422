import type { OutgoingMessage } from '@autoalex/discord';
import { type Area, type ChatCommand, type CommandName, catalogue, EMBED_TOTAL, fitEmbed } from '@autoalex/discord';
import type { APIApplicationCommandOption, APIEmbed } from 'discord-api-types/v10';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { capabilityOf, inSentence } from './capabilities.ts';

// /help as Discord embeds: the catalogue grouped by half of the product, each command marked with
// whether it works in this build; or one command explained with its options.

const HALVES: readonly { area: Area; title: string; color: number }[] = [
  { area: 'library', title: 'Library & server', color: 0xe5a00d },
  { area: 'studio', title: 'Music studio & player', color: 0x5865f2 },
  { area: 'suite', title: 'The suite', color: 0x95a5a6 },
];

function availability(name: CommandName): string {
  const capability = capabilityOf(name);
  return capability === undefined ? '' : ' · *later release*';
}

export function helpOverview(): OutgoingMessage {
  const available = catalogue.filter((c) => capabilityOf(c.name) === undefined).map((c) => `/${c.name}`);
  const perEmbed = Math.floor((EMBED_TOTAL - 200) / HALVES.length);
  const embeds: APIEmbed[] = HALVES.map(({ area, title, color }) => {
    const lines = catalogue
      .filter((c) => c.area === area)
      .map((c) => `**/${c.name}** — ${c.data.description}${availability(c.name)}`);
    return fitEmbed({ title, color, description: lines.join('\n') }, perEmbed);
  });
  return {
    content: `Available now: ${available.join(', ')}. Commands marked *later release* say so when used. \`/help command:<name>\` explains one.`,
    embeds,
  };
}

function optionLine(option: APIApplicationCommandOption): string {
  const required = 'required' in option && option.required ? ' (required)' : '';
  return `\`${option.name}\`${required} — ${option.description}`;
}

export function helpForCommand(command: ChatCommand): OutgoingMessage {
  const options = command.data.options ?? [];
  const subcommands = options.filter((o) => o.type === ApplicationCommandOptionType.Subcommand);
  const lines: string[] = [command.data.description];
  if (subcommands.length > 0) {
    lines.push('', '**Subcommands**');
    for (const sub of subcommands) {
      const subOptions = 'options' in sub ? (sub.options ?? []) : [];
      const args = subOptions.map((o) => `${o.name}:`).join(' ');
      lines.push(`\`/${command.name} ${sub.name}${args ? ` ${args}` : ''}\` — ${sub.description}`);
      for (const o of subOptions) lines.push(`  ${optionLine(o)}`);
    }
  } else if (options.length > 0) {
    lines.push('', '**Options**', ...options.map(optionLine));
  }
  const capability = capabilityOf(command.name as CommandName);
  lines.push(
    '',
    capability === undefined
      ? 'Available now.'
      : `Not available yet: ${inSentence(capability)} arrives in a later release.`,
  );
  return { embeds: [fitEmbed({ title: `/${command.name}`, description: lines.join('\n') })] };
}
