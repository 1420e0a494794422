// The fake Docker Engine for tests (ADR 0101, 0221): containers on a UNIX socket, checked against the
// Engine's own API description in this package's fixtures/.
export { encodeFrame as encodeDockerFrame, MULTIPLEXED, RAW_STREAM } from './logs.ts';
export {
  containerId,
  dockerTime,
  type FakeContainer,
  type FakeContainerInput as FakeDockerContainerInput,
  type FakeContainerStatus,
  type FakeHealthCheckInput,
  type FakeHealthInput,
  type FakeLogInput,
  inspectResponse as fakeDockerInspect,
} from './model.ts';
export { PROXY_FORBIDDEN_BODY } from './routes.ts';
export {
  type FakeDocker,
  type FakeDockerBehaviour,
  type FakeDockerContainers,
  type FakeDockerOptions,
  type FakeDockerProxy,
  type FakeDockerRequest,
  startFakeDocker,
} from './server.ts';
export {
  createDockerSpecValidator,
  DOCKER_SPEC_PATH,
  type DockerSpecValidator,
  dockerSpecValidator,
  loadDockerSpec,
  swaggerDefinitionsToJsonSchema,
} from './spec.ts';
