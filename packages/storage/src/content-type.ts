export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

const BY_EXTENSION: Record<string, string> = {
  aac: 'audio/aac',
  flac: 'audio/flac',
  m4a: 'audio/mp4',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  wav: 'audio/wav',
  webm: 'audio/webm',
  gif: 'image/gif',
  jpeg: 'image/jpeg',
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
  zip: 'application/zip',
  onnx: 'application/octet-stream',
};

/** Content type for a key from its extension (the audio and image files this suite stores). */
export function contentTypeFor(key: string): string {
  const dot = key.lastIndexOf('.');
  if (dot <= key.lastIndexOf('/')) return DEFAULT_CONTENT_TYPE;
  return BY_EXTENSION[key.slice(dot + 1).toLowerCase()] ?? DEFAULT_CONTENT_TYPE;
}

/** A content type must be a plain header value: printable ASCII, no line breaks, bounded length. */
export function isValidContentType(value: string): boolean {
  return value.length > 0 && value.length <= 255 && /^[\x20-\x7e]+$/.test(value) && value.includes('/');
}
