import { escapeMarkdown } from '@autoalex/discord';
import { gainLabel, remixLabel } from '@autoalex/terms/remix';
import { megabytes } from '../pipeline/save-stream.ts';
import type { RemixSpec } from '../remix/request.ts';

// Every text the worker shows in the one message a remix edits, and in its final answer.

export type Phase =
  | { name: 'queued'; position: number }
  | { name: 'starting' }
  /** The run after a stall: the worker that had the remix died (or lost it), this one goes on. */
  | { name: 'resuming'; restarts: number }
  | { name: 'downloading' }
  | { name: 'separating'; percent: number }
  | { name: 'cached' }
  | { name: 'mixing' }
  | { name: 'uploading'; bytes: number };

/** What the message says about the track: the title once known, else the remix. */
export interface Subject {
  readonly spec: RemixSpec;
  readonly title?: string | undefined;
  readonly artist?: string | undefined;
}

export function phaseText(phase: Phase, subject: Subject): string {
  const what = describe(subject);
  const stem = subject.spec.stem;
  switch (phase.name) {
    case 'queued':
      return `⏳ ${what}: queued, position ${phase.position} in line.`;
    case 'starting':
      return `⏳ ${what}: starting…`;
    case 'resuming':
      return `🔁 ${what}: the remix worker restarted${phase.restarts > 1 ? ` (${phase.restarts} times)` : ''}; resuming…`;
    case 'downloading':
      return `⬇️ ${what}: downloading the track…`;
    case 'separating':
      return `🎚️ ${what}: separating the ${stem}… ${Math.floor(phase.percent)} %`;
    case 'cached':
      return `🎚️ ${what}: the ${stem} of this track were separated before; reusing them.`;
    case 'mixing':
      return `🎛️ ${what}: mixing and encoding the MP3…`;
    case 'uploading':
      return `📤 ${what}: uploading the remix (${megabytes(phase.bytes)})…`;
  }
}

export interface Delivered {
  readonly bitrateKbps: number;
  readonly bytes: number;
  readonly seconds: number;
  /** Set when the file went out as a link instead of an attachment. */
  readonly link?: { url: string; expiresInSeconds: number; limitBytes: number } | undefined;
  readonly cacheHit: boolean;
}

export function doneText(subject: Subject, result: Delivered): string {
  const parts = [`${gainLabel(subject.spec)}`, `MP3 ${result.bitrateKbps} kbit/s`, megabytes(result.bytes)];
  const head = `✅ ${describe(subject)} · ${parts.join(' · ')}`;
  if (!result.link) return head;
  const days = Math.round(result.link.expiresInSeconds / 86_400);
  const lasts =
    days >= 1 ? `${days} day${days === 1 ? '' : 's'}` : `${Math.round(result.link.expiresInSeconds / 3600)} h`;
  return `${head}\nToo large for Discord here (limit ${megabytes(result.link.limitBytes)}): download it within ${lasts} from ${result.link.url}`;
}

export function failedText(subject: Subject, reason: string): string {
  return `❌ ${describe(subject)}: could not be made — ${reason}.`;
}

export function retryText(subject: Subject, reason: string, nextAttempt: number, attempts: number): string {
  return `⚠️ ${describe(subject)}: ${reason}. Trying again shortly (attempt ${nextAttempt} of ${attempts}).`;
}

/** Why a remix was given up after its workers kept stopping mid-job (for failedText). */
export function gaveUpReason(restarts: number): string {
  return `the remix worker restarted ${restarts} time${restarts === 1 ? '' : 's'} while making it (it may be running out of memory); please try again`;
}

export function cancelledText(subject: Subject, reason: string): string {
  return `🛑 ${describe(subject)}: cancelled — ${reason}.`;
}

export function requeuedText(subject: Subject): string {
  return `⏸️ ${describe(subject)}: the remix worker is restarting; your remix went back to the queue and will start again.`;
}

export function limitText(reason: 'active' | 'daily', limit: number): string {
  return reason === 'active'
    ? `you already have ${limit === 1 ? 'a remix' : `${limit} remixes`} running; wait for ${limit === 1 ? 'it' : 'them'} to finish`
    : `you have used today's ${limit} remix${limit === 1 ? '' : 'es'}; the allowance resets at midnight UTC`;
}

function describe(subject: Subject): string {
  if (!subject.title) return `Remix (${remixLabel(subject.spec)})`;
  const by = subject.artist ? ` by ${shown(subject.artist)}` : '';
  return `**${shown(subject.title)}**${by} (${remixLabel(subject.spec)})`;
}

/** Titles are user data: kept from turning into Markdown, and short. */
function shown(text: string): string {
  return escapeMarkdown(text).slice(0, 200);
}
