import { stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { SAMPLE_RATE } from '@autoalex/audio';
import { gainLabel, remixLabel } from '@autoalex/terms/remix';
import type { RemixSpec } from '../remix/request.ts';
import { decodeTrack, probeTrack, tooLong } from './decode.ts';
import { type CoverImage, encodeRemix, imageFormat, type MixInput, type Mp3Tags } from './encode.ts';
import type { SavedFile } from './save-stream.ts';
import { fetchCachedStem, type StemDeps, type StemFile, separateStem, stemKey } from './stem.ts';

export interface PipelineDeps extends StemDeps {
  readonly maxSeconds: number;
  readonly ffmpegPath?: string | undefined;
  readonly ffprobePath?: string | undefined;
  readonly now?: (() => number) | undefined;
}

/** What people see of the track: from Plex, else the file's own tags, else its name. */
export interface TrackInfo {
  readonly title?: string | undefined;
  readonly artist?: string | undefined;
  readonly album?: string | undefined;
  /** Cover image bytes (PNG or JPEG; anything else is left out). */
  readonly cover?: Uint8Array | undefined;
  /** The file name the source had, for a title of last resort. */
  readonly filename?: string | undefined;
}

export type PipelineProgress = { phase: 'separating'; fraction: number } | { phase: 'mixing' };

export interface RemixPipelineInput {
  readonly workDir: string;
  /** The source, already in workDir, with its SHA-256. */
  readonly source: SavedFile;
  readonly spec: RemixSpec;
  readonly track: TrackInfo;
  /** The first encode's bitrate (default 320 kbit/s). */
  readonly bitrateKbps?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((progress: PipelineProgress) => void) | undefined;
}

export interface RemixTimingsMs {
  decodeMs: number;
  separateMs: number;
  encodeMs: number;
}

export interface RemixOutput {
  /** The MP3 (320 kbit/s unless asked otherwise), in workDir. */
  readonly mp3Path: string;
  readonly bytes: number;
  readonly bitrateKbps: number;
  readonly seconds: number;
  readonly tags: Mp3Tags;
  readonly cacheHit: boolean;
  readonly timings: RemixTimingsMs;
  /** Encodes the same remix again at a lower bitrate (for Discord's size limit). */
  encodeAt(bitrateKbps: number): Promise<{ path: string; bytes: number }>;
}

export const BEST_BITRATE = 320;

/**
 * The remix pipeline after the source is on disk, shared by the worker and the console:
 * probe, and at the same time look the stem up in the cache (sha256 of the source + model + stem).
 * A hit goes straight to one FFmpeg run that decodes the source, mixes in the cached stem and
 * encodes: the stem was separated from exactly that decode, and every check of the decoded audio
 * passed when it was made (the bytes are the same), except the length limit, which is checked again
 * on the stem's length. A miss decodes (FFmpeg → 44.1 kHz stereo float, all checks), separates
 * with Demucs (only that stem's model), and caches the stem while the MP3 is encoded.
 */
export async function runRemixPipeline(deps: PipelineDeps, input: RemixPipelineInput): Promise<RemixOutput> {
  const now = deps.now ?? Date.now;
  const { workDir, spec, signal } = input;
  const options = {
    maxSeconds: deps.maxSeconds,
    signal,
    ffmpegPath: deps.ffmpegPath,
    ffprobePath: deps.ffprobePath,
  };
  let t = now();
  const lookup = stemKey(deps, spec.stem, input.source.sha256).then(async (key) => ({
    key,
    cached: key ? await fetchCachedStem(deps, key, workDir, signal) : undefined,
  }));
  const probe = await probeTrack(input.source.path, options).catch(async (err: unknown) => {
    await lookup.catch(() => undefined); // nothing may still be writing into workDir
    throw err;
  });
  const { key, cached } = await lookup;

  let mix: MixInput;
  let stem: StemFile;
  let kept: Promise<void> = Promise.resolve();
  let decodeMs: number;
  let separateMs = 0;
  if (cached) {
    const seconds = cached.frames / SAMPLE_RATE;
    if (seconds > deps.maxSeconds) throw tooLong(seconds, deps.maxSeconds);
    mix = { kind: 'source', path: input.source.path, channels: probe.audio?.channels ?? 2 };
    stem = cached;
    decodeMs = now() - t;
  } else {
    const track = await decodeTrack(input.source.path, workDir, { ...options, probe });
    decodeMs = now() - t;
    t = now();
    const separated = await separateStem(deps, {
      track,
      stem: spec.stem,
      key,
      workDir,
      signal,
      onSeparating: (fraction) => input.onProgress?.({ phase: 'separating', fraction }),
    });
    separateMs = now() - t;
    mix = { kind: 'decoded', path: track.mixPath };
    stem = separated;
    kept = separated.kept;
  }

  input.onProgress?.({ phase: 'mixing' });
  t = now();
  const tags = remixTags(input.track, probe.tags, spec);
  const cover = await writeCover(input.track.cover, workDir);
  const encodeAt = async (bitrateKbps: number) => {
    const path = join(workDir, `remix-${bitrateKbps}.mp3`);
    await encodeRemix({
      mix,
      stemPath: stem.path,
      gainDb: spec.gainDb,
      bitrateKbps,
      tags,
      cover,
      outPath: path,
      signal,
      ffmpegPath: deps.ffmpegPath,
    });
    return { path, bytes: (await stat(path)).size };
  };
  const bitrateKbps = input.bitrateKbps ?? BEST_BITRATE;
  const best = await encodeAt(bitrateKbps).finally(() => kept);
  const encodeMs = now() - t;
  return {
    mp3Path: best.path,
    bytes: best.bytes,
    bitrateKbps,
    seconds: stem.frames / SAMPLE_RATE,
    tags,
    cacheHit: cached !== undefined,
    timings: { decodeMs, separateMs, encodeMs },
    encodeAt,
  };
}

/** Title "… (bass +4 dB)", the artist and album; Plex's words first, then the file's tags, then its name. */
export function remixTags(track: TrackInfo, fileTags: Readonly<Record<string, string>>, spec: RemixSpec): Mp3Tags {
  const title =
    clean(track.title) ?? clean(fileTags.title) ?? clean(stripExtension(track.filename)) ?? 'Untitled track';
  return {
    title: `${title} (${remixLabel(spec)})`,
    artist: clean(track.artist) ?? clean(fileTags.artist) ?? clean(fileTags.album_artist),
    album: clean(track.album) ?? clean(fileTags.album),
    comment: `Autoalex remix: ${gainLabel(spec)} (Demucs htdemucs_ft)`,
  };
}

function clean(text: string | undefined): string | undefined {
  const value = text?.replace(/\s+/g, ' ').trim();
  return value ? value : undefined;
}

function stripExtension(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const base = basename(name);
  return base.slice(0, base.length - extname(base).length) || base;
}

async function writeCover(bytes: Uint8Array | undefined, workDir: string): Promise<CoverImage | undefined> {
  if (!bytes) return undefined;
  const format = imageFormat(bytes);
  if (!format) return undefined;
  const path = join(workDir, `cover.${format === 'png' ? 'png' : 'jpg'}`);
  await writeFile(path, bytes, { mode: 0o600 });
  return { path, format };
}
