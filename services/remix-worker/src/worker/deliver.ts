import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { usableAttachmentBytes } from '@autoalex/discord';
import { type BlobStore, StorageError } from '@autoalex/storage';
import type { RemixOutput } from '../pipeline/run-remix.ts';
import { megabytes } from '../pipeline/save-stream.ts';
import { RemixError } from '../remix/errors.ts';

/** Lower bitrates tried, in order, when the 320 kbit/s file is over the attachment limit. */
export const FALLBACK_BITRATES = [256, 192, 128] as const;

export type Delivery =
  | {
      kind: 'attachment';
      data: Uint8Array;
      bytes: number;
      bitrateKbps: number;
      /** Set when the attached bytes are the stored file. */
      storageKey: string | undefined;
    }
  | { kind: 'link'; url: string; bytes: number; bitrateKbps: number; limitBytes: number; expiresInSeconds: number };

export interface DeliverDeps {
  readonly storage: BlobStore;
  readonly linkTtlSeconds: number;
}

export interface DeliverInput {
  readonly output: RemixOutput;
  /** Where the 320 kbit/s MP3 is kept. */
  readonly storageKey: string;
  /** The interaction's attachment_size_limit; undefined when there is none (the console). */
  readonly attachmentSizeLimit: number | undefined;
  readonly onUploading?: ((bytes: number) => void) | undefined;
}

/**
 * Stores the 320 kbit/s MP3, then picks how it reaches the user: attached as it is when it fits
 * the interaction's limit (less Discord's margin), else re-encoded at 256, 192, 128 kbit/s until one
 * fits, else a download link to the stored 320 kbit/s file (presigned S3, or signed local link).
 */
export async function deliverRemix(deps: DeliverDeps, input: DeliverInput): Promise<Delivery> {
  const { output, storageKey } = input;
  input.onUploading?.(output.bytes);
  await deps.storage.put(storageKey, createReadStream(output.mp3Path), {
    contentType: 'audio/mpeg',
    contentLength: output.bytes,
  });
  const limit = input.attachmentSizeLimit;
  const usable = limit === undefined ? Number.POSITIVE_INFINITY : usableAttachmentBytes(limit);
  if (output.bytes <= usable) {
    return {
      kind: 'attachment',
      data: await readFile(output.mp3Path),
      bytes: output.bytes,
      bitrateKbps: output.bitrateKbps,
      storageKey,
    };
  }
  for (const bitrate of bitratesWorthTrying(output.bytes, output.bitrateKbps, usable)) {
    const smaller = await output.encodeAt(bitrate);
    if (smaller.bytes <= usable) {
      return {
        kind: 'attachment',
        data: await readFile(smaller.path),
        bytes: smaller.bytes,
        bitrateKbps: bitrate,
        storageKey: undefined,
      };
    }
  }
  try {
    const url = await deps.storage.link(storageKey, { expiresInSeconds: deps.linkTtlSeconds });
    return {
      kind: 'link',
      url,
      bytes: output.bytes,
      bitrateKbps: output.bitrateKbps,
      limitBytes: usable,
      expiresInSeconds: deps.linkTtlSeconds,
    };
  } catch (err) {
    if (err instanceof StorageError) {
      throw new RemixError(
        'UNDELIVERABLE',
        `the remix is ${megabytes(output.bytes)}, over Discord's ${megabytes(usable)} limit here even at 128 kbit/s, and no download link can be made (${err.code === 'NO_SIGNING_SECRET' ? 'the admin must set LINK_SIGNING_SECRET, or use S3' : err.message})`,
        { cause: err },
      );
    }
    throw err;
  }
}

/**
 * The fallback bitrates whose expected size (constant bitrate: size scales with it) could fit, with
 * a little slack for the tags and cover that do not shrink.
 */
export function bitratesWorthTrying(bytes: number, bitrateKbps: number, usable: number): number[] {
  return FALLBACK_BITRATES.filter((b) => b < bitrateKbps && (bytes * b) / bitrateKbps <= usable * 1.02);
}

/** A file name Discord and browsers take: the title's safe characters, `.mp3`. */
export function remixFileName(title: string): string {
  const safe = title
    .normalize('NFKD')
    .replace(/[^\w\s().+-]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 96);
  return `${safe || 'remix'}.mp3`;
}
