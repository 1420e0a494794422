// The whole product's schema, one file per domain. drizzle.config.ts points drizzle-kit here.
export * from './credits.ts';
export * from './guild-queue.ts';
export * from './listening-history.ts';
export * from './monitor.ts';
export * from './playlists.ts';
export * from './plex-library.ts';
export * from './remix.ts';
export * from './songs.ts';
export * from './sync-state.ts';
export * from './user-settings.ts';
export * from './users.ts';
