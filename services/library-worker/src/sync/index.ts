// `@autoalex/library-worker/sync`: one library sync (Plex library, then Tautulli history) as the worker
// runs it for a job, for bench/completion.bench.ts, which syncs a large fake library and times it.
export { runSync, type SyncDeps } from './run-sync.ts';
export { createSyncTracker } from './tracker.ts';
