// `@autoalex/remix-worker/pipeline`: the remix pipeline run on a local file, outside the worker — what
// `npm run remix` does, and what bench/remix.bench.ts times whole (runRemixPipeline) and step by step
// (decode, stem cache, MP3 encode). The queue worker itself is not part of it.
export { createBlobStemCache, type StemCache } from '../cache/stem-cache.ts';
export { acquireLocalFile } from '../sources/acquire.ts';
export { decodeTrack } from './decode.ts';
export { encodeRemix, LAME_QUALITY } from './encode.ts';
export { runRemixPipeline } from './run-remix.ts';
export { stemKey } from './stem.ts';
export { withTempDir } from './temp-dir.ts';
