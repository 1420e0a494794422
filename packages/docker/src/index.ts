export {
  createDockerClient,
  type DockerClient,
  MAX_API_VERSION,
  MIN_API_VERSION,
} from './client.ts';
export {
  createFrameDemuxer,
  type DemuxEnd,
  type DemuxedChunk,
  demultiplex,
  type FrameDemuxer,
  type StreamName,
} from './demux.ts';
export {
  type DiagnoseOptions,
  type Diagnosis,
  type DiagnosisLogs,
  type DiagnosisOk,
  type DiagnosisUnavailable,
  diagnoseContainer,
} from './diagnose.ts';
export type { Unavailable, UnavailableReason } from './errors.ts';
export { DISCORD_LIMITS, type FormatOptions, type FormattedDiagnostics, formatDiagnostics } from './format.ts';
export { type DockerTarget, parseDockerHost } from './host.ts';
export type { ContainerHealth, ContainerInfo, ContainerState } from './inspect.ts';
export type { LogLine } from './lines.ts';
