/** Where the Docker Engine API is: a UNIX socket, or HTTP(S) to a daemon or a socket proxy. */
export type DockerTarget =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'http'; protocol: 'http' | 'https'; host: string; port: number };

/**
 * Reads a DOCKER_HOST value: `unix:///var/run/docker.sock`, `tcp://docker-proxy:2375` (plain
 * HTTP, port 2375 when absent, as the Docker CLI does), `http://…` or `https://…`.
 * Throws an Error that says what is wrong and what is expected.
 */
export function parseDockerHost(value: string): DockerTarget {
  const text = value.trim();
  if (text.startsWith('unix://')) {
    const socketPath = text.slice('unix://'.length);
    if (!socketPath.startsWith('/')) {
      throw new Error(`DOCKER_HOST ${describeHost(text)} has no absolute socket path: use unix:///var/run/docker.sock`);
    }
    return { kind: 'unix', socketPath };
  }
  const match = /^(tcp|http|https):\/\//.exec(text);
  if (!match) {
    throw new Error(
      `DOCKER_HOST ${describeHost(text)} is not supported: use unix:///path/to/docker.sock or tcp://host:port`,
    );
  }
  let url: URL;
  try {
    url = new URL(text.replace(/^tcp:/, 'http:'));
  } catch {
    throw new Error(`DOCKER_HOST ${describeHost(text)} is not a valid address: use tcp://host:port`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`DOCKER_HOST ${describeHost(text)} must not have a path: use tcp://host:port`);
  }
  const protocol = match[1] === 'https' ? 'https' : 'http';
  const defaultPort = match[1] === 'tcp' ? 2375 : protocol === 'https' ? 443 : 80;
  return {
    kind: 'http',
    protocol,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : defaultPort,
  };
}

/** A DOCKER_HOST value safe for messages: credentials in the URL are hidden. */
export function describeHost(value: string): string {
  return value.replace(/^([a-z]+:\/\/)[^@/]*@/i, '$1[redacted]@');
}
