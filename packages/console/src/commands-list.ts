import { type Area, commandsFor } from '@autoalex/discord';
import { ApplicationCommandOptionType } from 'discord-api-types/v10';

const HALF: Record<Area, string> = { library: 'Library & server', studio: 'Music studio & player', suite: 'Suite' };

/** The catalogue exactly as `deploy-commands` registers it. */
export function catalogueJson(): string {
  return JSON.stringify(
    commandsFor('all').map((c) => c.data),
    null,
    2,
  );
}

/** The catalogue for people: each command with its options, grouped by half. */
export function catalogueText(): string {
  const out: string[] = [];
  for (const area of Object.keys(HALF) as Area[]) {
    out.push(`${HALF[area]}:`);
    for (const command of commandsFor('all').filter((c) => c.area === area)) {
      const options = (command.data.options ?? []).map((o) =>
        o.type === ApplicationCommandOptionType.Subcommand ? o.name : `${o.name}=`,
      );
      out.push(`  ${[command.name, ...options].join(' ')}`);
      out.push(`      ${command.data.description}`);
    }
  }
  out.push('', 'bin/alex help shows what is available in the running suite.');
  return out.join('\n');
}
