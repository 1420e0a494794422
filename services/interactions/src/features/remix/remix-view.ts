import { remixLabel } from '@autoalex/terms/remix';
import type { TrackCandidate } from '../library/resolve-track.ts';
import { escapeMarkdown } from './markdown.ts';

// The first message of a remix, which the remix-worker then edits through its progress to the MP3
// (its texts are in services/remix-worker/src/worker/messages.ts; these match their style).

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
