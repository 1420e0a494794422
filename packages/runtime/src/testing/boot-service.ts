import type { HealthReport } from '../health.ts';
import { type SpawnedService, spawnService } from './spawn-service.ts';

export interface BootedService {
  service: SpawnedService;
  /** HTTP status of GET /healthz. */
  status: number;
  health: HealthReport;
}

/**
 * Spawns a service, waits until its first heartbeat is written (it is connected and serving), then
 * reads /healthz on `port`. Stop it with `service.stop()`.
 */
export async function bootService(entry: string, env: Record<string, string>, port: number): Promise<BootedService> {
  const service = spawnService(entry, env);
  try {
    await service.waitForLog((line) => line.msg === 'heartbeat: first beat written');
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { service, status: response.status, health: (await response.json()) as HealthReport };
  } catch (err) {
    await service.stop('SIGKILL');
    throw err;
  }
}
