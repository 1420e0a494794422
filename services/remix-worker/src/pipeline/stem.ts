import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SAMPLE_RATE, SeparationError, type Separator, type Stem, writeFloatWav } from '@autoalex/audio';
import { modelId } from '../cache/model-id.ts';
import type { StemCache, StemKey } from '../cache/stem-cache.ts';
import { RemixError } from '../remix/errors.ts';
import { modelMissingMessage } from '../remix/models.ts';
import type { DecodedTrack } from './decode.ts';

export interface StemDeps {
  readonly separator: Pick<Separator, 'separate'>;
  readonly modelPaths: Partial<Record<Stem, string>>;
  readonly cache: StemCache;
  readonly logger?: { warn(fields: object, message: string): void } | undefined;
  /** Shown in "model missing" messages (the console); left out for Discord users. */
  readonly modelDirForMessages?: string | undefined;
}

/** A stem as a float WAV in the job's folder. */
export interface StemFile {
  readonly path: string;
  /** Sample frames (the decoded mix has as many). */
  readonly frames: number;
}

/** The cache key of `stem` of a source, or undefined when the stem's model file is missing. */
export async function stemKey(deps: StemDeps, stem: Stem, contentHash: string): Promise<StemKey | undefined> {
  const path = deps.modelPaths[stem];
  const found = path ? await stat(path).catch(() => undefined) : undefined;
  if (!path || !found?.isFile() || found.size === 0) return undefined;
  return { contentHash, model: await modelId(path), stem };
}

/**
 * The cached stem, copied into `workDir`, or undefined (no entry, an unreadable one, or a failing
 * cache: those are logged and the stem is separated again; a cache never fails a remix).
 */
export async function fetchCachedStem(
  deps: StemDeps,
  key: StemKey,
  workDir: string,
  signal?: AbortSignal,
): Promise<StemFile | undefined> {
  const path = join(workDir, `${key.stem}.wav`);
  try {
    if (!(await deps.cache.fetch(key, path, signal))) return undefined;
    const frames = await floatWavFrames(path);
    if (frames !== undefined && frames > 0) return { path, frames };
    deps.logger?.warn({ stem: key.stem }, 'cached stem is not a 44.1 kHz stereo float WAV; separating again');
  } catch (err) {
    signal?.throwIfAborted();
    deps.logger?.warn({ err }, 'stem cache lookup failed; separating instead');
  }
  return undefined;
}

export interface SeparateStemRequest {
  readonly track: DecodedTrack;
  readonly stem: Stem;
  /** The cache key (undefined when the model file is missing: the separator then says so). */
  readonly key: StemKey | undefined;
  readonly workDir: string;
  readonly signal?: AbortSignal | undefined;
  /** Called before separating, then with the share of segments done, 0..1. */
  readonly onSeparating?: ((fraction: number) => void) | undefined;
}

export interface SeparatedStem extends StemFile {
  /** Keeping the stem in the cache, started in the background; never rejects (failures are logged). */
  readonly kept: Promise<void>;
}

/** Separates the stem with Demucs (only that stem's model), writes it and starts caching it. */
export async function separateStem(deps: StemDeps, request: SeparateStemRequest): Promise<SeparatedStem> {
  const { stem, signal, key } = request;
  if (!key) throw new RemixError('MODEL_MISSING', modelMissingMessage(stem, undefined, deps.modelDirForMessages));
  request.onSeparating?.(0);
  let stems: Partial<Record<Stem, [Float32Array, Float32Array]>>;
  try {
    const result = await deps.separator.separate(
      { sampleRate: SAMPLE_RATE, interleaved: request.track.samples, channelCount: 2 },
      {
        stems: [stem],
        ...(signal ? { signal } : {}),
        onProgress: ({ done, total }) => request.onSeparating?.(total > 0 ? done / total : 0),
      },
    );
    stems = result.stems;
  } catch (err) {
    throw asRemixError(err, stem, deps.modelDirForMessages);
  }
  const audio = stems[stem];
  if (!audio) throw new Error(`the separator returned no ${stem} stem`);
  const path = join(request.workDir, `${stem}.wav`);
  const bytes = await writeFloatWav(path, audio);
  const kept = deps.cache.store(key, path, bytes).catch((err: unknown) => {
    if (!signal?.aborted) deps.logger?.warn({ err }, 'could not keep the stem in the cache; the remix goes on');
  });
  return { path, frames: audio[0].length, kept };
}

/**
 * Sample frames of a 44-byte-header IEEE-float stereo 44.1 kHz WAV as writeFloatWav writes them,
 * or undefined for anything else (or a file shorter than its header says).
 */
export async function floatWavFrames(path: string): Promise<number | undefined> {
  const file = await open(path, 'r');
  try {
    const header = Buffer.alloc(44);
    const { bytesRead } = await file.read(header, 0, 44, 0);
    const size = (await file.stat()).size;
    if (bytesRead < 44) return undefined;
    const fits =
      header.toString('ascii', 0, 4) === 'RIFF' &&
      header.toString('ascii', 8, 16) === 'WAVEfmt ' &&
      header.readUInt32LE(16) === 16 &&
      header.readUInt16LE(20) === 3 &&
      header.readUInt16LE(22) === 2 &&
      header.readUInt32LE(24) === SAMPLE_RATE &&
      header.readUInt16LE(34) === 32 &&
      header.toString('ascii', 36, 40) === 'data';
    const dataBytes = header.readUInt32LE(40);
    if (!fits || dataBytes % 8 !== 0 || size < 44 + dataBytes) return undefined;
    return dataBytes / 8;
  } finally {
    await file.close();
  }
}

function asRemixError(err: unknown, stem: Stem, dir: string | undefined): unknown {
  if (!(err instanceof SeparationError)) return err;
  switch (err.code) {
    case 'MODEL_MISSING':
      return new RemixError('MODEL_MISSING', modelMissingMessage(stem, undefined, dir), { cause: err });
    case 'MODEL_INVALID':
    case 'MODEL_CONTRACT':
      return new RemixError(
        'MODEL_MISSING',
        modelMissingMessage(
          stem,
          `the ${stem} model file cannot be used (${err.code === 'MODEL_INVALID' ? 'ONNX Runtime cannot load it' : 'it is not an HTDemucs export with the expected inputs and outputs'})`,
          dir,
        ),
        { cause: err },
      );
    case 'AUDIO_TOO_SHORT':
      return new RemixError('TOO_SHORT', 'the audio is too short to separate', { cause: err });
    case 'AUDIO_INVALID':
      return new RemixError('CORRUPT', 'the decoded audio is not usable', { cause: err });
    default:
      return err;
  }
}
