export { type HttpProbe, httpCheck } from './checks/http.ts';
export { postgresCheck, type SqlTag } from './checks/postgres.ts';
export { redisCheck } from './checks/redis.ts';
export { UPSTREAM_CHECK_OPTIONS } from './checks/upstream.ts';
export type { RuntimeContext, ServiceContext, ShutdownHook } from './context.ts';
export {
  type Check,
  type CheckOptions,
  type CheckOutcome,
  type CheckResult,
  type CheckStatus,
  createHealth,
  describeError,
  type Health,
  type HealthReport,
  httpStatusOf,
  overallStatus,
  type ServiceStatus,
} from './health.ts';
export {
  HEARTBEAT_INTERVAL_MS,
  HEARTBEAT_TTL_SECONDS,
  type Heartbeat,
  type HeartbeatHandle,
  type HeartbeatOptions,
  type HeartbeatRead,
  heartbeatKey,
  heartbeatSchema,
  readHeartbeats,
  startHeartbeat,
} from './heartbeat.ts';
export {
  connectInfrastructure,
  type DatabaseConfig,
  type Infrastructure,
  type InfrastructureConfig,
  type RedisConfig,
  startOps,
  useRequestRedis,
} from './infrastructure.ts';
export { instanceId } from './instance.ts';
export {
  type Configured,
  type Integration,
  listed,
  notSetSentence,
  reportDisabled,
  type Said,
  type Use,
  type Used,
  useIntegration,
} from './integration.ts';
export { createLogger, type Logger, type LoggerSettings, REDACTED_PATHS, withCorrelation } from './logger.ts';
export { createMetrics, type Metrics } from './metrics.ts';
export { type OpsDeps, registerOpsRoutes } from './ops-routes.ts';
export { listen, type OpsServer, startOpsServer } from './ops-server.ts';
export {
  closeRedis,
  createRedis,
  createRequestRedis,
  REQUEST_COMMAND_TIMEOUT_MS,
  type Redis,
  type RedisSettings,
  type RequestRedis,
  type RequestRedisSettings,
} from './redis.ts';
export { EXIT_CONFIG, runService, type ServiceDefinition } from './run-service.ts';
export { secretValues } from './secrets.ts';
export { createShutdown, type Shutdown } from './shutdown.ts';
export {
  NO_HEARTBEAT,
  type ReadSuiteHealthOptions,
  readSuiteHealth,
  type ServiceHealth,
  type SuiteHealth,
  type SuiteHealthRead,
  suiteHealthSchema,
  summarizeSuite,
} from './suite-health.ts';
