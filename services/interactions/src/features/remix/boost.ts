import { commandByName, type OptionsOf } from '@autoalex/discord';
import type { CommandModule } from '../../dispatch/handler.ts';
import type { RemixDeps } from './deps.ts';
import { requestRemix } from './request-remix.ts';

export const data = commandByName('boost').data;

type Module = CommandModule<RemixDeps, OptionsOf<'boost'>>;

/** /boost track stem [db]: a remix of a library track with one stem louder, made by the remix-worker. */
export const handle: Module['handle'] = (deps, input) =>
  requestRemix(
    deps,
    { ...input, command: 'boost' },
    { track: input.options.track, stem: input.options.stem, gainDb: input.options.db },
  );

/** Tracks from the library mirror (never Plex itself). */
export const autocomplete: NonNullable<Module['autocomplete']> = async (deps, { focused, respond }) => {
  await respond.autocomplete(focused.name === 'track' ? await deps.library.trackChoices(focused.text) : []);
};
