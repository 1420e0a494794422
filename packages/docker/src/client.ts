import type { IncomingMessage } from 'node:http';
import { addAbortSignal } from 'node:stream';
import Docker from 'dockerode';
import { type DockerTarget, describeHost, parseDockerHost } from './host.ts';

/** The newest Engine API this package is written against (the description in fixtures/). */
export const MAX_API_VERSION = '1.56';
/** Below this the fields the monitor reads (State.Health, RestartCount…) are not all there. */
export const MIN_API_VERSION = '1.24';

export interface DockerClient {
  /** DOCKER_HOST as given, credentials hidden: for messages. */
  dockerHost: string;
  target: DockerTarget;
  /** dockerode on unversioned paths (used for `/_ping`). */
  docker: Docker;
  /** The API version agreed with the daemon, once a ping told it; null until then or when unknown. */
  apiVersion: string | null;
  /** dockerode on `/v{apiVersion}` paths once known, else the unversioned one. */
  api(): Docker;
}

/**
 * A Docker Engine API client for `unix:///var/run/docker.sock`, `tcp://docker-proxy:2375` (a
 * socket proxy) or `http(s)://…`. Nothing is read from the environment: docker-modem's own
 * DOCKER_HOST / DOCKER_CERT_PATH / DOCKER_CLIENT_TIMEOUT defaults are overridden.
 * Throws when `dockerHost` is malformed (configuration validates it first).
 */
export function createDockerClient(dockerHost: string): DockerClient {
  const target = parseDockerHost(dockerHost);
  const make = (version?: string) =>
    new Docker({
      ...dockerodeOptions(target),
      version,
    });
  const docker = make();
  const versioned = new Map<string, Docker>();
  const client: DockerClient = {
    dockerHost: describeHost(dockerHost.trim()),
    target,
    docker,
    apiVersion: null,
    api() {
      if (!client.apiVersion) return docker;
      let api = versioned.get(client.apiVersion);
      if (!api) {
        api = make(`v${client.apiVersion}`);
        versioned.set(client.apiVersion, api);
      }
      return api;
    },
  };
  return client;
}

function dockerodeOptions(target: DockerTarget): Docker.DockerOptions {
  // Explicit undefineds: docker-modem merges its environment defaults under these options.
  const neutral = {
    ca: undefined,
    cert: undefined,
    key: undefined,
    timeout: undefined,
    username: undefined,
    pathPrefix: '/',
  } as Docker.DockerOptions;
  if (target.kind === 'unix') {
    return { ...neutral, socketPath: target.socketPath, host: undefined, port: undefined, protocol: 'http' };
  }
  return { ...neutral, socketPath: undefined, host: target.host, port: target.port, protocol: target.protocol };
}

export interface StreamRequest {
  path: string;
  query?: Record<string, string | number>;
  signal: AbortSignal;
}

/**
 * GET that hands back the response stream (docker-modem's `isStream`), so the caller sees headers
 * and can stop reading. Non-2xx answers reject with docker-modem's error (`statusCode`, `json`).
 */
export function getStream(docker: Docker, request: StreamRequest): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      {
        path: `${request.path}?`,
        method: 'GET',
        isStream: true,
        abortSignal: request.signal,
        statusCodes: { 200: true, 204: true, 404: 'not found', 500: 'server error' },
        options: { ...request.query },
      },
      (err, result) => {
        if (err) {
          reject(err);
          return;
        }
        const res = result as IncomingMessage;
        addAbortSignal(request.signal, res);
        resolve(res);
      },
    );
  });
}

/** Reads a whole (small) response body as text, up to `maxBytes`. */
export async function readText(res: IncomingMessage, maxBytes: number): Promise<string> {
  const parts: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    parts.push(chunk);
    bytes += chunk.length;
    if (bytes > maxBytes) {
      res.destroy();
      break;
    }
  }
  return Buffer.concat(parts).toString('utf8').slice(0, maxBytes);
}

/**
 * Agrees on an API version the way the Docker CLI does: the daemon's `Api-Version` (from
 * `/_ping`), capped at what this package knows. A daemon or proxy that hides it leaves paths
 * unversioned. Connection failures propagate.
 */
export async function negotiateApiVersion(client: DockerClient, signal: AbortSignal): Promise<void> {
  if (client.apiVersion) return;
  let res: IncomingMessage;
  try {
    res = await getStream(client.docker, { path: '/_ping', signal });
  } catch (err) {
    // A socket proxy with PING=0 answers 403; the daemon may be fine, so go on unversioned.
    if (typeof (err as { statusCode?: unknown }).statusCode === 'number') return;
    throw err;
  }
  res.resume();
  const header = res.headers['api-version'];
  const served = typeof header === 'string' && /^\d+\.\d+$/.test(header) ? header : undefined;
  if (!served || compareVersions(served, MIN_API_VERSION) < 0) return;
  client.apiVersion = compareVersions(served, MAX_API_VERSION) > 0 ? MAX_API_VERSION : served;
}

export function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}
