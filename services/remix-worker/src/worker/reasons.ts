import { FfmpegError, SeparationError } from '@autoalex/audio';
import { isPlexError } from '@autoalex/plex';
import { StorageError } from '@autoalex/storage';
import { isRemixError } from '../remix/errors.ts';

/**
 * Why a remix failed, in words for the person who asked: a RemixError's own message; for faults, what
 * broke without internals (the logs have the rest under `reference`).
 */
export function userReason(err: unknown, reference: string): string {
  if (isRemixError(err)) return err.message;
  if (isPlexError(err)) {
    switch (err.kind) {
      case 'unreachable':
        return 'Plex could not be reached';
      case 'timeout':
        return 'Plex did not answer in time';
      case 'server':
        return 'Plex answered with a server error';
      default:
        return `Plex answered unexpectedly (${err.kind})`;
    }
  }
  if (err instanceof StorageError) return `the file storage failed (${err.code})`;
  if (err instanceof SeparationError) return `stem separation failed (${err.code})`;
  if (err instanceof FfmpegError) return 'FFmpeg failed while mixing';
  return `an unexpected error (reference ${reference})`;
}
