import { localInputArgs, runFfmpeg, SAMPLE_RATE } from '@autoalex/audio';
import { remixFilterGraph } from './mix-graph.ts';

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
  /** Interleaved stereo float32 at 44.1 kHz (raw f32le). */
  readonly mixPath: string;
  /** The separated stem as a float WAV of the same length. */
  readonly stemPath: string;
  readonly gainDb: number;
  readonly bitrateKbps: number;
  readonly tags: Mp3Tags;
  readonly cover?: CoverImage | undefined;
  readonly outPath: string;
  readonly signal?: AbortSignal | undefined;
  readonly ffmpegPath?: string | undefined;
}

/** Mixes (see remixFilterGraph) and encodes a constant-bitrate MP3 with ID3v2.3 tags and the cover. */
export async function encodeRemix(input: EncodeRemixInput): Promise<void> {
  const raw = ['-ar', String(SAMPLE_RATE), '-ac', '2'];
  const args = [
    ...localInputArgs({ path: input.mixPath, format: 'f32le', options: raw }),
    ...localInputArgs({ path: input.stemPath, format: 'wav' }),
    ...(input.cover ? localInputArgs({ path: input.cover.path, format: `${input.cover.format}_pipe` }) : []),
    '-filter_complex',
    remixFilterGraph(input.gainDb),
    '-map',
    '[out]',
    ...(input.cover ? ['-map', '2:v', '-c:v', 'copy', '-metadata:s:v', 'title=Album cover'] : []),
    ...(input.cover ? ['-metadata:s:v', 'comment=Cover (front)'] : []),
    '-c:a',
    'libmp3lame',
    '-b:a',
    `${input.bitrateKbps}k`,
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
