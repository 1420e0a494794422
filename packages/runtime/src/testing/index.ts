export { type BootedService, bootService } from './boot-service.ts';
export {
  type ServiceProcess,
  type ServiceProcessOptions,
  type ServiceStart,
  useServiceProcess,
} from './service-process.ts';
export { type Exit, freePort, type LogLine, type SpawnedService, spawnService } from './spawn-service.ts';
