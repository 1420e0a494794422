export { encodeFrame, MULTIPLEXED, RAW_STREAM } from './logs.ts';
export {
  containerId,
  dockerTime,
  type FakeContainer,
  type FakeContainerInput,
  type FakeContainerStatus,
  type FakeHealthCheckInput,
  type FakeHealthInput,
  type FakeLogInput,
  inspectResponse,
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
