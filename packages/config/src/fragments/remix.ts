import { z } from 'zod';
import { integer, positiveInt } from '../define.ts';

const wholeNumber = (fallback: number, min: number, max: number, description: string) =>
  integer({ min, max }).default(fallback).describe(description);

/** Stem remixes (/boost, /reduce): the remix-worker and its console command `npm run remix`. */
export const remix = {
  DEMUCS_MODEL_DIR: z
    .string()
    .optional()
    .describe('folder with the htdemucs_ft ONNX models (default DATA_DIR/models; in Docker: APPDATA_DIR/data/models)'),
  REMIX_MAX_SECONDS: wholeNumber(600, 10, 3600, 'longest track, in seconds, that /boost and /reduce accept'),
  REMIX_MAX_DOWNLOAD_MB: positiveInt(1024, 'largest source file, in MB, a remix downloads', 100_000),
  REMIX_ACTIVE_PER_USER: positiveInt(1, 'remixes one user may have running at the same time', 100),
  REMIX_DAILY_LIMIT: positiveInt(20, 'remixes one user may start per day (UTC)', 100_000),
  REMIX_STEM_CACHE_MB: wholeNumber(
    4096,
    0,
    10_000_000,
    'storage budget in MB for separated stems (a repeat remix of a cached track skips separation); 0 turns the cache off',
  ),
  REMIX_THREADS: integer({ min: 1, max: 256 })
    .optional()
    .describe('ONNX Runtime threads for stem separation (default: every core)'),
  REMIX_LINK_TTL: wholeNumber(
    604_800,
    60,
    604_800,
    'seconds a download link for a remix too large for Discord works (at most 604800 = 7 days)',
  ),
};
