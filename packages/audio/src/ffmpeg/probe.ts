import { z } from 'zod';
import { AUDIO_DEMUXERS, localInputArgs, type RunFfmpegOptions } from './restricted.ts';
import { runFfprobe } from './run.ts';

export interface AudioProbe {
  /** FFmpeg's demuxer name, e.g. `mp3`, `flac`, `mov,mp4,m4a,3gp,3g2,mj2`. */
  readonly format: string;
  /** From the container (header or estimate); undefined when it does not say. */
  readonly durationSeconds: number | undefined;
  /** The first audio stream, or undefined when the file has none. */
  readonly audio:
    | {
        readonly codec: string;
        readonly sampleRate: number | undefined;
        readonly channels: number | undefined;
        readonly durationSeconds: number | undefined;
      }
    | undefined;
  /** Container tags with lower-case names (title, artist, album, album_artist…). */
  readonly tags: Readonly<Record<string, string>>;
}

const numberText = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v) => {
    const n = v === undefined ? Number.NaN : Number(v);
    return Number.isFinite(n) && n >= 0 ? n : undefined;
  });

const probeSchema = z.object({
  streams: z
    .array(
      z.object({
        codec_type: z.string().optional(),
        codec_name: z.string().optional(),
        sample_rate: numberText,
        channels: z.number().int().optional(),
        duration: numberText,
      }),
    )
    .default([]),
  format: z.object({
    format_name: z.string(),
    duration: numberText,
    tags: z.record(z.string(), z.string()).optional(),
  }),
});

/**
 * ffprobe of a local file, restricted like every FFmpeg call here (local protocols, audio demuxers
 * only). Rejects with FfmpegError when ffprobe cannot read the file at all (not audio, corrupt).
 */
export async function probeAudioFile(
  path: string,
  options: RunFfmpegOptions & { ffprobePath?: string; allowedFormats?: readonly string[] } = {},
): Promise<AudioProbe> {
  const out = await runFfprobe(
    [
      ...localInputArgs({ path, allowedFormats: options.allowedFormats ?? AUDIO_DEMUXERS }),
      '-show_entries',
      'format=format_name,duration:format_tags:stream=codec_type,codec_name,sample_rate,channels,duration',
      '-of',
      'json',
    ],
    options,
  );
  let json: unknown;
  try {
    json = JSON.parse(out.toString('utf8'));
  } catch {
    throw new Error('ffprobe printed something that is not JSON');
  }
  const parsed = probeSchema.safeParse(json);
  if (!parsed.success) throw new Error('ffprobe printed JSON of an unexpected shape');
  const { streams, format } = parsed.data;
  const audio = streams.find((s) => s.codec_type === 'audio');
  const tags: Record<string, string> = {};
  for (const [name, value] of Object.entries(format.tags ?? {})) tags[name.toLowerCase()] = value;
  return {
    format: format.format_name,
    durationSeconds: format.duration ?? audio?.duration,
    audio: audio
      ? {
          codec: audio.codec_name ?? 'unknown',
          sampleRate: audio.sample_rate,
          channels: audio.channels,
          durationSeconds: audio.duration,
        }
      : undefined,
    tags,
  };
}
