export * from './constants.ts';
export { createRealFft, type RealFft } from './fft.ts';
export { createIstft, type Istft } from './istft.ts';
export { denormalize, mixStats, type Normalization, normalize } from './normalize.ts';
export {
  type Chunk,
  chunkReadStart,
  createOverlapAdd,
  type OverlapAdd,
  planChunks,
  readSegment,
  type TrackView,
  trackView,
  transitionWeights,
} from './segments.ts';
export { type Random, randomShiftLead, seededRandom } from './shift.ts';
export { createStft, type Stft } from './stft.ts';
export { hannPeriodic } from './window.ts';
