import { commandByName, type OptionsOf } from '@autoalex/discord';
import { renderUsageText, type StreamView, type UsageResult } from '@autoalex/listening';
import { type CommandModule, reject } from '../../dispatch/handler.ts';
import type { ListeningDeps } from './deps.ts';
import { plexUserOption } from './plex-user-option.ts';
import { usageMessage } from './usage-view.ts';

export const data = commandByName('usage').data;

type Module = CommandModule<ListeningDeps, OptionsOf<'usage'>>;

/**
 * /usage [user]: what the household is playing now, from Tautulli (one live call, after a deferral:
 * Tautulli may take its time). Nothing playing, Tautulli unreachable, Tautulli without its Plex
 * connection and Tautulli not configured each get their own sentence; all but "nothing playing"
 * end as errors (the console exits 1).
 */
export const handle: Module['handle'] = async (deps, { options, respond }) => {
  if (!deps.usage.configured) return reject(respond, notConfigured());
  let user: { name: string; username: string } | undefined;
  if (options.user !== undefined) {
    const found = await plexUserOption(deps.library, options.user);
    if (!found.ok) return reject(respond, found.message);
    user = found;
  }

  await respond.defer();
  const result = await deps.usage.read();
  if (result.kind === 'activity' && user) {
    const mine = result.streams.filter((s) => isUser(s.user, user));
    const others = result.streams.length - mine.length;
    if (mine.length === 0) {
      await respond.editOriginal({
        content: `${user.name} is not playing anything right now (${others} other stream${others === 1 ? '' : 's'}).`,
      });
      return undefined;
    }
    await respond.editOriginal(usageMessage(onlyStreams(mine), respond.kind));
    return undefined;
  }
  await respond.editOriginal(usageMessage(result, respond.kind));
  return failed(result) ? 'rejected' : undefined;
};

/** Plex users from the library mirror. */
export const autocomplete: NonNullable<Module['autocomplete']> = async (deps, { focused, respond }) => {
  await respond.autocomplete(focused.name === 'user' ? await deps.library.plexUserChoices(focused.text) : []);
};

function notConfigured(): string {
  return renderUsageText({ kind: 'not-configured' });
}

/** A stream's user (Tautulli's friendly name, else the username) is this Plex user. */
function isUser(shown: string, user: { name: string; username: string }): boolean {
  const name = shown.trim().toLowerCase();
  return name === user.name.trim().toLowerCase() || name === user.username.trim().toLowerCase();
}

/** An activity result of some of the streams, with their totals. */
function onlyStreams(streams: StreamView[]): UsageResult {
  const count = (decision: StreamView['decision']) => streams.filter((s) => s.decision === decision).length;
  const bandwidths = streams.map((s) => s.bandwidthKbps).filter((b): b is number => b !== undefined);
  return {
    kind: 'activity',
    streams,
    totals: {
      streams: streams.length,
      directPlays: count('direct play'),
      directStreams: count('direct stream'),
      transcodes: count('transcode'),
      bandwidthKbps: bandwidths.length > 0 ? bandwidths.reduce((sum, b) => sum + b, 0) : undefined,
    },
  };
}

/** Tautulli could not say what is playing. */
function failed(result: UsageResult): boolean {
  return result.kind !== 'activity' && result.kind !== 'nothing-playing';
}
