export { SAMPLE_RATE, SEGMENT_LENGTH } from './dsp/constants.ts';
export { CodedError, SeparationError, type SeparationErrorCode } from './errors.ts';
export {
  checkTool,
  FFMPEG_CANDIDATES,
  FFMPEG_MIN_VERSION,
  FFMPEG_NEEDS,
  FFPROBE_CANDIDATES,
  FFPROBE_NEEDS,
  type FfmpegBinaries,
  FfmpegUnavailableError,
  type ResolvedTool,
  resolveFfmpeg,
  resolveTool,
  type ToolCandidates,
  type ToolCheck,
  type ToolNeeds,
} from './ffmpeg/binaries.ts';
export { type DecodedAudio, type DecodeOptions, decodeAudioFile } from './ffmpeg/decode.ts';
export {
  type DecodeToFileOptions,
  decodeToStereoFloatFile,
  readStereoFloatFile,
} from './ffmpeg/decode-to-file.ts';
export { type AudioProbe, probeAudioFile } from './ffmpeg/probe.ts';
export {
  AUDIO_DEMUXERS,
  FfmpegError,
  LOCAL_PROTOCOLS,
  type LocalInput,
  localInputArgs,
  type RunFfmpegOptions,
} from './ffmpeg/restricted.ts';
export { runFfmpeg, runFfprobe } from './ffmpeg/run.ts';
export { floatWavHeader, writeFloatWav } from './float-wav.ts';
export { dbToGain, mixStem } from './mix.ts';
export {
  type FetchModelsOptions,
  type FetchModelsResult,
  fetchModels,
  ModelFetchError,
  type ModelFetchErrorCode,
  sha256File,
} from './models/fetch.ts';
export {
  howToGetModels,
  type ManifestEntry,
  type ModelManifest,
  modelFileName,
  modelManifestSchema,
  modelPathsIn,
  parseManifest,
} from './models/manifest.ts';
export { type ModelStatus, type ModelStatusOptions, modelStatus, type StemModelStatus } from './models/status.ts';
export { contractProblems, demucsContract } from './separator/contract.ts';
export {
  createSeparator,
  type SeparateOptions,
  type SeparationResult,
  type Separator,
  type SeparatorOptions,
} from './separator/create.ts';
export { type AudioInput, MIN_SAMPLES, toPlanarStereo } from './separator/input.ts';
export type { SeparationProgress, StemAudio } from './separator/separate.ts';
export { isStem, orderStems, STEMS, type Stem, sourceIndex } from './stems.ts';
