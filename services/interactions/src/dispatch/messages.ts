import type { CommandName } from '@autoalex/discord';

// What users read when something cannot be done. Always ephemeral.

export function invalidOptions(command: string, errors: readonly string[]): string {
  if (errors.length === 1) return `/${command}: ${errors[0]}.`;
  return [`/${command} did not work:`, ...errors.map((e) => `• ${e}`)].join('\n');
}

export function expired(noun: 'button' | 'menu' | 'form', command: CommandName | undefined): string {
  return `This ${noun} has expired — run ${command === undefined ? 'the command' : `/${command}`} again.`;
}

export function rateLimited(scope: 'user' | 'guild', retryAfterSeconds: number): string {
  const wait = `wait ${retryAfterSeconds} s and try again`;
  return scope === 'user'
    ? `You are going a little fast — ${wait}.`
    : `This server is sending a lot of commands right now — ${wait}.`;
}

export function unknownCommand(name: string | undefined): string {
  const shown = name ? `/${name}` : 'this command';
  return `Autoalex does not know ${shown}. The registered commands may be out of date: an admin can run \`bin/alex deploy-commands\`.`;
}

export function fault(correlationId: string): string {
  return `Something went wrong on our side — try again in a minute. (reference ${correlationId.slice(0, 8)})`;
}

// The library commands (/completion, /compare, /usage, /boost, /reduce).

export function notLinked(command: 'completion'): string {
  return [
    `/${command} counts the plays of your Plex account, and your Discord account is not linked to one yet.`,
    `Name a Plex user instead: \`/${command} artist:<artist> user:<Plex user>\` (start typing in \`user\` to pick one).`,
  ].join(' ');
}

export function unknownPlexUser(text: string, suggestions: readonly string[]): string {
  const tail = suggestions.length > 0 ? ` Did you mean: ${suggestions.join(', ')}?` : '';
  return text
    ? `"${text}" is not a Plex user Autoalex knows (Tautulli's users, as of the last library sync).${tail}`
    : `Name a Plex user.${tail}`;
}

export function samePlexUser(name: string): string {
  return `user1 and user2 are both ${name} — pick two different Plex users.`;
}

export function trackNotFound(text: string): string {
  return `No track in the Plex library has "${text}" in its title (as of the last library sync). Start typing in \`track\` and pick one from the suggestions.`;
}

export function trackAmbiguous(text: string, suggestions: readonly string[]): string {
  return [
    `Several tracks match "${text}" — pick one from the suggestions of \`track\`:`,
    ...suggestions.map((s) => `• ${s}`),
  ].join('\n');
}

export function remixLimit(reason: 'active' | 'daily', limit: number): string {
  return reason === 'active'
    ? `You already have ${limit === 1 ? 'a remix' : `${limit} remixes`} running — wait for ${limit === 1 ? 'it' : 'them'} to finish, then try again.`
    : `You have used today's ${limit} remix${limit === 1 ? '' : 'es'}; the allowance resets at midnight UTC.`;
}

export function noRemixWorker(): string {
  return 'Stem remixing is not running right now: no remix-worker has reported in. Ask an admin to start it (`npm start` runs one; in Compose, the remix-worker service).';
}

export function noReplyTarget(command: string): string {
  return `/${command} answers later, in the channel it was used in, and this interaction has none — use it in a server channel.`;
}
