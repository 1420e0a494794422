import { z } from 'zod';

export const docker = {
  DOCKER_HOST: z
    .string()
    .regex(
      /^(unix:\/\/\/.+|tcp:\/\/[^/\s]+|https?:\/\/[^/\s]+)$/,
      'must be unix:///path/to/docker.sock or tcp://host:port',
    )
    .default('unix:///var/run/docker.sock')
    .describe(
      'Docker Engine API for container logs: the socket, or a read-only socket proxy such as tcp://socket-proxy:2375',
    ),
};
