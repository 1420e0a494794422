import { createRequire } from 'node:module';
import { type LogLine, type SpawnedService, spawnService } from '@autoalex/runtime/testing';

/** The suite's services as the e2e tests run them: `node services/<name>/src/main.ts`, Node 24 = this process. */
export type ServiceName = 'gateway' | 'interactions' | 'web' | 'library-worker' | 'remix-worker' | 'monitor';

/** The file `@autoalex/<name>/main` names (require.resolve: vitest has no import.meta.resolve). */
export function serviceEntry(name: ServiceName): string {
  return createRequire(import.meta.url).resolve(`@autoalex/${name}/main`);
}

/**
 * Spawns a service with exactly `env` and resolves once every `ready` line has been logged (in any
 * order); kills it and rethrows when it exits first.
 */
export async function startService(
  name: ServiceName,
  env: Record<string, string>,
  ready: ((line: LogLine) => boolean)[],
): Promise<SpawnedService> {
  const service = spawnService(serviceEntry(name), env);
  try {
    for (const match of ready) await service.waitForLog(match);
    return service;
  } catch (err) {
    await service.stop('SIGKILL');
    throw err;
  }
}

/** The first heartbeat: the service is connected, its workers run and its ops server listens. */
export const firstBeat = (line: LogLine): boolean => line.msg === 'heartbeat: first beat written';

const DISCORD_EPOCH = 1_420_070_400_000n;

/** When Discord (the fake) created an interaction: the timestamp in its snowflake id, epoch ms. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** Resolves once `check` returns something (polling, for state that has no event to await). */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 25));
  }
}
