export { type BootedService, bootService } from './boot-service.ts';
export { type Exit, freePort, type LogLine, type SpawnedService, spawnService } from './spawn-service.ts';
