import { localInputArgs, runFfmpeg, SAMPLE_RATE } from '@autoalex/audio';
import { remixFilterGraph } from './mix-graph.ts';

/**
 * LAME's algorithm quality (`-q`, FFmpeg's -compression_level; 0 best/slowest … 9 fastest). 5 keeps
 * psychoacoustics and noise shaping and encodes ~20 % faster than LAME's default 3; at 320 kbit/s
 * CBR the bit budget, not the search effort, bounds quality (ADR 0201 has the measurements).
 */
export const LAME_QUALITY = 5;

/** What the remix starts from: the decoded float mix, or (a stem cache hit) the source file itself. */
export type MixInput =
  | { readonly kind: 'decoded'; readonly path: string }
  | { readonly kind: 'source'; readonly path: string; readonly channels: number };

export interface Mp3Tags {
  readonly title: string;
  readonly artist?: string | undefined;
  readonly album?: string | undefined;
  readonly comment?: string | undefined;
}

export interface CoverImage {
  readonly path: string;
  readonly format: 'png' | 'jpeg';
}

export interface EncodeRemixInput {
  /** The decoded mix (interleaved stereo float32 at 44.1 kHz, raw f32le), or the source file. */
  readonly mix: MixInput;
  /** The separated stem as a float WAV of the same length. */
  readonly stemPath: string;
  readonly gainDb: number;
  readonly bitrateKbps: number;
  /** LAME's -q, 0 (best, slowest) … 9; default LAME_QUALITY. */
  readonly lameQuality?: number | undefined;
  readonly tags: Mp3Tags;
  readonly cover?: CoverImage | undefined;
  readonly outPath: string;
  readonly signal?: AbortSignal | undefined;
  readonly ffmpegPath?: string | undefined;
}

/** Mixes (see remixFilterGraph) and encodes a constant-bitrate MP3 with ID3v2.3 tags and the cover. */
export async function encodeRemix(input: EncodeRemixInput): Promise<void> {
  const raw = ['-ar', String(SAMPLE_RATE), '-ac', '2'];
  const { mix } = input;
  const args = [
    ...(mix.kind === 'decoded'
      ? localInputArgs({ path: mix.path, format: 'f32le', options: raw })
      : localInputArgs({ path: mix.path })),
    ...localInputArgs({ path: input.stemPath, format: 'wav' }),
    ...(input.cover ? localInputArgs({ path: input.cover.path, format: `${input.cover.format}_pipe` }) : []),
    '-filter_complex',
    remixFilterGraph(input.gainDb, { sourceChannels: mix.kind === 'source' ? mix.channels : undefined }),
    '-map',
    '[out]',
    ...(input.cover ? ['-map', '2:v', '-c:v', 'copy', '-metadata:s:v', 'title=Album cover'] : []),
    ...(input.cover ? ['-metadata:s:v', 'comment=Cover (front)'] : []),
    '-c:a',
    'libmp3lame',
    '-b:a',
    `${input.bitrateKbps}k`,
    '-compression_level',
    String(input.lameQuality ?? LAME_QUALITY),
    '-ar',
    String(SAMPLE_RATE),
    '-id3v2_version',
    '3',
    '-map_metadata',
    '-1',
    ...metadata('title', input.tags.title),
    ...metadata('artist', input.tags.artist),
    ...metadata('album', input.tags.album),
    ...metadata('comment', input.tags.comment),
    '-f',
    'mp3',
    '-y',
    input.outPath,
  ];
  await runFfmpeg(args, {
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.ffmpegPath ? { ffmpegPath: input.ffmpegPath } : {}),
  });
}

function metadata(name: string, value: string | undefined): string[] {
  const text = value?.replace(/[\r\n\0]+/g, ' ').trim();
  return text ? ['-metadata', `${name}=${text.slice(0, 500)}`] : [];
}

/** The image format from its first bytes (PNG or JPEG), or undefined for anything else. */
export function imageFormat(bytes: Uint8Array): CoverImage['format'] | undefined {
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    return 'png';
  }
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  return undefined;
}
