import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SeparationError, type Separator, type Stem, writeFloatWav } from '@autoalex/audio';
import { modelId } from '../cache/model-id.ts';
import type { StemCache } from '../cache/stem-cache.ts';
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

export interface StemRequest {
  readonly track: DecodedTrack;
  readonly contentHash: string;
  readonly stem: Stem;
  readonly workDir: string;
  readonly signal?: AbortSignal | undefined;
  /** Called before separating (not on a cache hit), then with the share of segments done, 0..1. */
  readonly onSeparating?: ((fraction: number) => void) | undefined;
}

export interface StemResult {
  /** Float WAV of the stem, the same length as the mix. */
  readonly stemPath: string;
  readonly cacheHit: boolean;
}

/** The separated stem: from the cache when this track was separated by this model before, else Demucs. */
export async function obtainStem(deps: StemDeps, request: StemRequest): Promise<StemResult> {
  const { stem, signal } = request;
  const path = deps.modelPaths[stem];
  const found = path ? await stat(path).catch(() => undefined) : undefined;
  if (!path || !found?.isFile() || found.size === 0) {
    throw new RemixError('MODEL_MISSING', modelMissingMessage(stem, undefined, deps.modelDirForMessages));
  }
  const stemPath = join(request.workDir, `${stem}.wav`);
  const key = { contentHash: request.contentHash, model: await modelId(path), stem };
  try {
    if (await deps.cache.fetch(key, stemPath, signal)) return { stemPath, cacheHit: true };
  } catch (err) {
    signal?.throwIfAborted();
    deps.logger?.warn({ err }, 'stem cache lookup failed; separating instead');
  }

  request.onSeparating?.(0);
  let stems: Partial<Record<Stem, [Float32Array, Float32Array]>>;
  try {
    const result = await deps.separator.separate(
      { sampleRate: 44_100, interleaved: request.track.samples, channelCount: 2 },
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
  const bytes = await writeFloatWav(stemPath, audio);
  try {
    await deps.cache.store(key, stemPath, bytes);
  } catch (err) {
    signal?.throwIfAborted();
    deps.logger?.warn({ err }, 'could not keep the stem in the cache; the remix goes on');
  }
  return { stemPath, cacheHit: false };
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
