import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createContainer,
  type FakeContainer,
  type FakeContainerInput,
  type FakeLogInput,
  toLogLines,
  updateContainer,
} from './model.ts';
import {
  commonHeaders,
  PROXY_FORBIDDEN_BODY,
  proxySection,
  type RouteContext,
  route,
  sendJson,
  splitVersion,
} from './routes.ts';

export interface FakeDockerOptions {
  /** Where to listen; by default `docker.sock` in a fresh temporary directory (removed on close). */
  socketPath?: string;
  /** Also listen on a loopback TCP port (a socket proxy's `tcp://host:2375`). */
  tcp?: boolean;
  /** Permissions of the socket file after listening, e.g. `0o000`. */
  socketMode?: number;
  /** Highest API version served; the spec's version (1.56) by default. */
  apiVersion?: string;
  /** Lowest API version served; 1.44 like Docker 29. */
  minApiVersion?: string;
  containers?: FakeContainerInput[];
  /** Answer like a read-only socket proxy: 403 for sections not allowed and for writes. */
  proxy?: FakeDockerProxy | null;
}

/** tecnativa/docker-socket-proxy style permissions: `allow: ['containers', 'ping', 'version']`. */
export interface FakeDockerProxy {
  allow: readonly string[];
  /** POST/PUT/DELETE allowed (the proxy's `POST=1`). */
  post?: boolean;
}

/** Mutable: tests change these between calls. */
export interface FakeDockerBehaviour {
  /** Milliseconds to wait before answering each request. */
  delayMs: number;
  /** Hold every request (or those the function picks) unanswered until `releaseStalled()` or `close()`. */
  stall: boolean | ((request: FakeDockerRequest) => boolean);
  /** Answer every request with this error, or drop the connection without an answer. */
  fail: { status: number; message: string } | 'reset' | null;
  /** Write response bodies in pieces of this many bytes, yielding between pieces. */
  chunkBytes: number | null;
  /** End a logs body after this many bytes (a truncated last frame). */
  truncateLogsAt: number | null;
}

export interface FakeDockerRequest {
  method: string;
  /** Path as sent, without the query. */
  path: string;
  /** Path without the `/v1.xx` prefix. */
  endpoint: string;
  version: string | null;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  transport: 'unix' | 'tcp';
}

export interface FakeDockerContainers {
  add(input: FakeContainerInput): FakeContainer;
  update(name: string, patch: Partial<Omit<FakeContainerInput, 'name'>>): FakeContainer;
  remove(name: string): void;
  get(name: string): FakeContainer | undefined;
  setLogs(name: string, lines: FakeLogInput[]): void;
  appendLogs(name: string, lines: FakeLogInput[]): void;
  list(): FakeContainer[];
}

export interface FakeDocker {
  socketPath: string;
  /** `unix:///…/docker.sock`, the value a service's DOCKER_HOST takes. */
  dockerHost: string;
  /** `http://127.0.0.1:PORT` when started with `tcp: true`. */
  url?: string;
  /** `tcp://127.0.0.1:PORT` when started with `tcp: true`. */
  tcpHost?: string;
  apiVersion: string;
  containers: FakeDockerContainers;
  requests: FakeDockerRequest[];
  behaviour: FakeDockerBehaviour;
  setProxy(proxy: FakeDockerProxy | null): void;
  /** Requests held by `behaviour.stall`. */
  stalledCount(): number;
  /** Resolves once at least `count` requests are held by `behaviour.stall`. */
  waitForStalled(count?: number): Promise<void>;
  releaseStalled(): void;
  /** Resolves with the next request that matches (already recorded ones count). */
  waitForRequest(predicate?: (r: FakeDockerRequest) => boolean): Promise<FakeDockerRequest>;
  close(): Promise<void>;
}

/** The version fixtures/docker-engine-swagger.yaml describes (a test keeps them equal). */
const API_VERSION = '1.56';
const ENGINE_VERSION = '29.0.2';
const MIN_API_VERSION = '1.44';

/**
 * A Docker Engine API server on a UNIX socket (and optionally TCP) for the endpoints the monitor
 * uses: `/_ping`, `/version`, `/containers/{id}/json`, `/containers/{id}/logs`, with or without a
 * `/v1.xx` prefix. Answers follow `fixtures/docker-engine-swagger.yaml`.
 */
export async function startFakeDocker(options: FakeDockerOptions = {}): Promise<FakeDocker> {
  const apiVersion = options.apiVersion ?? API_VERSION;
  const containers = new Map<string, FakeContainer>();
  for (const input of options.containers ?? []) containers.set(input.name, createContainer(input));
  const requests: FakeDockerRequest[] = [];
  const waiters: { predicate: (r: FakeDockerRequest) => boolean; resolve: (r: FakeDockerRequest) => void }[] = [];
  const stalled = new Set<() => void>();
  const stallWaiters: { count: number; resolve: () => void }[] = [];
  const notifyStalled = () => {
    for (const waiter of [...stallWaiters]) {
      if (stalled.size >= waiter.count) {
        stallWaiters.splice(stallWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  let proxy = options.proxy ?? null;
  let closed = false;
  const behaviour: FakeDockerBehaviour = {
    delayMs: 0,
    stall: false,
    fail: null,
    chunkBytes: null,
    truncateLogsAt: null,
  };

  const find = (idOrName: string): FakeContainer | undefined => {
    const name = idOrName.replace(/^\//, '');
    const byName = containers.get(name);
    if (byName) return byName;
    const all = [...containers.values()];
    const exact = all.find((c) => c.id === idOrName);
    if (exact) return exact;
    const byPrefix = /^[0-9a-f]+$/.test(idOrName) ? all.filter((c) => c.id.startsWith(idOrName)) : [];
    return byPrefix.length === 1 ? byPrefix[0] : undefined;
  };

  const writeBody = async (res: ServerResponse, body: Buffer, kind: 'logs' | 'other'): Promise<void> => {
    const limit = kind === 'logs' && behaviour.truncateLogsAt !== null ? behaviour.truncateLogsAt : body.length;
    const data = body.subarray(0, limit);
    const step = behaviour.chunkBytes ?? data.length;
    for (let offset = 0; offset < data.length && step > 0; offset += step) {
      if (res.destroyed) return;
      res.write(data.subarray(offset, offset + step));
      if (offset + step < data.length) await new Promise((resolve) => setImmediate(resolve));
    }
    res.end();
  };

  const ctx: RouteContext = {
    apiVersion,
    minApiVersion: options.minApiVersion ?? MIN_API_VERSION,
    engineVersion: ENGINE_VERSION,
    find,
    writeBody,
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, transport: 'unix' | 'tcp'): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://docker');
    const { version, endpoint } = splitVersion(url.pathname);
    const recorded: FakeDockerRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      endpoint,
      version,
      query: url.searchParams,
      headers: req.headers,
      transport,
    };
    requests.push(recorded);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(recorded)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(recorded);
      }
    }

    if (behaviour.fail === 'reset') {
      req.socket.destroy();
      return;
    }
    if (proxy) {
      const writeAllowed = proxy.post === true;
      const readMethod = recorded.method === 'GET' || recorded.method === 'HEAD';
      if ((!readMethod && !writeAllowed) || !proxy.allow.includes(proxySection(endpoint))) {
        res.writeHead(403, { 'Content-Type': 'text/html', 'Cache-Control': 'no-cache', Connection: 'close' });
        res.end(PROXY_FORBIDDEN_BODY);
        return;
      }
    }
    if (behaviour.stall === true || (typeof behaviour.stall === 'function' && behaviour.stall(recorded))) {
      await new Promise<void>((resolve) => {
        stalled.add(resolve);
        notifyStalled();
        res.once('close', () => {
          stalled.delete(resolve);
          resolve();
        });
      });
      if (res.destroyed || closed) return;
    }
    if (behaviour.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
    if (res.destroyed) return;
    if (behaviour.fail) return sendJson(ctx, res, behaviour.fail.status, { message: behaviour.fail.message });
    await route(ctx, { method: recorded.method, endpoint, version, query: url.searchParams }, res);
  };

  const makeServer = (transport: 'unix' | 'tcp'): Server =>
    createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        handle(req, res, transport).catch((err: unknown) => {
          if (res.headersSent) {
            res.destroy();
            return;
          }
          res.writeHead(500, { ...commonHeaders(ctx), 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ message: String(err) }));
        });
      });
    });

  let tempDir: string | undefined;
  let socketPath = options.socketPath;
  if (!socketPath) {
    tempDir = await mkdtemp(join(tmpdir(), 'fake-docker-'));
    // Traversable by other users, so a test can connect as an unprivileged user.
    await chmod(tempDir, 0o755);
    socketPath = join(tempDir, 'docker.sock');
  }
  const unixServer = makeServer('unix');
  await listen(unixServer, socketPath);
  if (options.socketMode !== undefined) await chmod(socketPath, options.socketMode);

  let tcpServer: Server | undefined;
  let url: string | undefined;
  let tcpHost: string | undefined;
  if (options.tcp) {
    tcpServer = makeServer('tcp');
    await listen(tcpServer, 0);
    const { port } = tcpServer.address() as AddressInfo;
    url = `http://127.0.0.1:${port}`;
    tcpHost = `tcp://127.0.0.1:${port}`;
  }

  const controls: FakeDockerContainers = {
    add(input) {
      const container = createContainer(input);
      containers.set(container.name, container);
      return container;
    },
    update(name, patch) {
      const container = mustFind(name);
      updateContainer(container, patch);
      return container;
    },
    remove(name) {
      containers.delete(mustFind(name).name);
    },
    get: find,
    setLogs(name, lines) {
      mustFind(name).logs = toLogLines(lines);
    },
    appendLogs(name, lines) {
      const container = mustFind(name);
      container.logs.push(...toLogLines(lines, container.logs.length));
    },
    list: () => [...containers.values()],
  };
  function mustFind(name: string): FakeContainer {
    const container = find(name);
    if (!container) throw new Error(`fake docker: no container ${name}`);
    return container;
  }

  return {
    socketPath,
    dockerHost: `unix://${socketPath}`,
    url,
    tcpHost,
    apiVersion,
    containers: controls,
    requests,
    behaviour,
    setProxy(next) {
      proxy = next;
    },
    stalledCount: () => stalled.size,
    waitForStalled(count = 1) {
      if (stalled.size >= count) return Promise.resolve();
      return new Promise((resolve) => stallWaiters.push({ count, resolve }));
    },
    releaseStalled() {
      for (const resolve of [...stalled]) resolve();
      stalled.clear();
    },
    waitForRequest(predicate = () => true) {
      const seen = requests.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
    async close() {
      closed = true;
      for (const resolve of [...stalled]) resolve();
      stalled.clear();
      await Promise.all([closeServer(unixServer), tcpServer ? closeServer(tcpServer) : undefined]);
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    },
  };
}

function listen(server: Server, where: string | number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const done = () => {
      server.off('error', reject);
      resolve();
    };
    if (typeof where === 'string') server.listen(where, done);
    else server.listen(where, '127.0.0.1', done);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
