import { commandByName, type OptionsOf, reduceStem } from '@autoalex/discord';
import type { CommandModule } from '../../dispatch/handler.ts';
import type { RemixDeps } from './deps.ts';
import { requestRemix } from './request-remix.ts';

export const data = commandByName('reduce').data;

type Module = CommandModule<RemixDeps, OptionsOf<'reduce'>>;

/**
 * /reduce track (stem | preset) [db]: a remix of a library track with one stem quieter or gone
 * (karaoke, drumless, bassless), made by the remix-worker.
 */
export const handle: Module['handle'] = (deps, input) =>
  requestRemix(
    deps,
    { ...input, command: 'reduce' },
    {
      track: input.options.track,
      stem: reduceStem(input.options),
      gainDb: input.options.db,
      preset: input.options.preset,
    },
  );

/** Tracks from the library mirror (never Plex itself). */
export const autocomplete: NonNullable<Module['autocomplete']> = async (deps, { focused, respond }) => {
  await respond.autocomplete(focused.name === 'track' ? await deps.library.trackChoices(focused.text) : []);
};
