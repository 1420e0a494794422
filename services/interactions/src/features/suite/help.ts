import { type CommandName, catalogue, commandByName, type OptionsOf } from '@autoalex/discord';
import type { CommandModule } from '../../dispatch/handler.ts';
import type { SuiteDeps } from './deps.ts';
import { helpForCommand, helpOverview } from './help-view.ts';

export const data = commandByName('help').data;

/** /help: the catalogue grouped by half, marked with what works now; or one command explained. */
export const handle: CommandModule<SuiteDeps, OptionsOf<'help'>>['handle'] = async (_deps, { options, respond }) => {
  if (options.command === undefined) {
    await respond.reply({ ...helpOverview(), ephemeral: true });
    return undefined;
  }
  const wanted = options.command.replace(/^\//, '').toLowerCase();
  const command = commandByName(wanted);
  if (command === undefined) {
    await respond.reply({
      content: `There is no /${wanted}. \`/help\` lists every command.`,
      ephemeral: true,
    });
    return 'rejected';
  }
  await respond.reply({ ...helpForCommand(command), ephemeral: true });
  return undefined;
};

/** Suggests command names matching what is typed: names starting with it first. */
export const autocomplete: NonNullable<CommandModule<SuiteDeps, OptionsOf<'help'>>['autocomplete']> = async (
  _deps,
  { focused, respond },
) => {
  const typed = focused.text.replace(/^\//, '').trim().toLowerCase();
  const names: CommandName[] = catalogue.map((c) => c.name);
  const starts = names.filter((n) => n.startsWith(typed));
  const contains = names.filter((n) => !n.startsWith(typed) && n.includes(typed));
  await respond.autocomplete(
    [...starts, ...contains].slice(0, 25).map((name) => ({
      name: `/${name} — ${commandByName(name).data.description}`,
      value: name,
    })),
  );
};
