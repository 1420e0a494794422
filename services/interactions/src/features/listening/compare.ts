import { commandByName, type OptionsOf } from '@autoalex/discord';
import { unknownText } from '@autoalex/listening';
import { type CommandModule, reject } from '../../dispatch/handler.ts';
import { replyWithCard } from './card-reply.ts';
import { compareAnswer } from './compare-view.ts';
import type { ListeningDeps } from './deps.ts';
import * as text from './messages.ts';
import { plexUserOption } from './plex-user-option.ts';

export const data = commandByName('compare').data;

type Module = CommandModule<ListeningDeps, OptionsOf<'compare'>>;

/**
 * /compare artist user1 user2: a listening battle between two Plex users on one artist, from
 * Postgres, as a PNG card (text on the console). Unknown artists and users, and the same user twice
 * under two names, get a clear ephemeral answer.
 */
export const handle: Module['handle'] = async (deps, { options, respond, log }) => {
  const [a, b] = await Promise.all([
    plexUserOption(deps.library, options.user1),
    plexUserOption(deps.library, options.user2),
  ]);
  if (!a.ok) return reject(respond, a.message);
  if (!b.ok) return reject(respond, b.message);
  if (a.plexUserId === b.plexUserId) return reject(respond, text.samePlexUser(a.name));

  const result = await deps.library.compare({ artist: options.artist, userA: a.plexUserId, userB: b.plexUserId });
  if (result.kind !== 'compare') return reject(respond, unknownText(result));
  await replyWithCard(respond, log, compareAnswer(result), () => deps.cards.compare(result));
  return undefined;
};

/** Artists and Plex users from the library mirror (never Plex itself). */
export const autocomplete: NonNullable<Module['autocomplete']> = async (deps, { focused, respond }) => {
  const choices =
    focused.name === 'artist'
      ? await deps.library.artistChoices(focused.text)
      : focused.name === 'user1' || focused.name === 'user2'
        ? await deps.library.plexUserChoices(focused.text)
        : [];
  await respond.autocomplete(choices);
};
