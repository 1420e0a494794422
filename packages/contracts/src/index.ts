export { producerOptions, type RedisConnection } from './connection.ts';
export { CONSOLE_MESSAGE_KINDS, type ConsoleMessage, consoleMessage, consoleStreamKey } from './console.ts';
export { BusUnavailableError, ContractError, type ContractIssue } from './errors.ts';
export * from './fields.ts';
export { type JobEnd, type JobEndHook, type JobEndHooks, STALLED_OUT } from './job-end.ts';
export { gatewaySendJobs, voiceStateUpdatePayload } from './jobs/gateway-send.ts';
export {
  discordInteraction,
  INTERACTION_SOURCES,
  INTERACTION_TYPES,
  interactionsJobs,
  MAX_INTERACTION_DEPTH,
  nestingDepth,
} from './jobs/interactions.ts';
export { libraryJobs } from './jobs/library.ts';
export { monitorJobs } from './jobs/monitor.ts';
export { playable, playerJobs } from './jobs/player.ts';
export { remixJobs, remixSource } from './jobs/remix.ts';
export { sunoJobs } from './jobs/suno.ts';
export { voiceEventsJobs, voiceServerData, voiceStateData } from './jobs/voice-events.ts';
export { type Logger, silentLogger } from './logger.ts';
export { createMeta, type Meta, meta } from './meta.ts';
export { fieldPath, isJobName, isQueueName, jobSchema, parseJob } from './parse.ts';
export { type Bus, type BusOptions, createBus, type EnqueueOptions, type WaitingJob } from './producer.ts';
export {
  type Dedupe,
  JOB_NAMES,
  type JobInput,
  type JobName,
  type JobPayload,
  jobNames,
  maxStalls,
  QUEUE_NAMES,
  QUEUES,
  type QueueDefinition,
  type QueueName,
  type Queues,
  type StallSettings,
} from './queues.ts';
export {
  createRemixLimiter,
  peekRemixAllowance,
  type RemixAllowance,
  type RemixLimiter,
  type RemixLimits,
  remixLimitKeys,
} from './remix-limits.ts';
export { consoleReply, type DiscordReply, discordReply, type ReplyTarget, replyTarget } from './reply.ts';
export * from './types.ts';
export {
  checkHandlers,
  isLockLost,
  type JobContext,
  type JobHandler,
  type JobHandlers,
  LockLostError,
  type RunningWorker,
  type RunWorkerOptions,
  runWorker,
} from './worker.ts';
