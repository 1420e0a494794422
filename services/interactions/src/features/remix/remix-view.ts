import { escapeMarkdown } from '@autoalex/discord';
import { remixLabel } from '@autoalex/terms/remix';
import type { TrackCandidate } from './resolve-track.ts';

// The first message of a remix, which the remix-worker then edits through its progress to the MP3
// (its texts are in services/remix-worker/src/worker/messages.ts; these match their style), and
// what /boost and /reduce say when they cannot queue one (ephemeral).

export interface RemixRequestView {
  readonly stem: string;
  readonly gainDb: number;
  readonly preset?: string | undefined;
  /** Known when the track was chosen by title; a picked rating key is named by the worker. */
  readonly track?: TrackCandidate | undefined;
}

function subject(request: RemixRequestView): string {
  if (!request.track) return `Remix (${remixLabel(request)})`;
  const by = request.track.artist ? ` by ${escapeMarkdown(request.track.artist)}` : '';
  return `**${escapeMarkdown(request.track.title)}**${by} (${remixLabel(request)})`;
}

export function queuedText(request: RemixRequestView): string {
  return `⏳ ${subject(request)}: queued — this message shows the progress, then the MP3.`;
}

export function notQueuedText(request: RemixRequestView, reason: string): string {
  return `❌ ${subject(request)}: could not be queued — ${reason}. Try again in a minute.`;
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
