import type { ServerResponse } from 'node:http';
import { MULTIPLEXED, parseLogQuery, RAW_STREAM, renderLogs } from './logs.ts';
import { type FakeContainer, inspectResponse } from './model.ts';

/** What the routes need from the fake: its containers and how to write a body. */
export interface RouteContext {
  apiVersion: string;
  minApiVersion: string;
  engineVersion: string;
  find(idOrName: string): FakeContainer | undefined;
  writeBody(res: ServerResponse, body: Buffer, kind: 'logs' | 'other'): Promise<void>;
}

export interface RouteRequest {
  method: string;
  /** Path without the `/v1.xx` prefix. */
  endpoint: string;
  /** The `/v1.xx` version the client asked for, or null when the path had none. */
  version: string | null;
  query: URLSearchParams;
}

export function commonHeaders(ctx: RouteContext): Record<string, string> {
  return {
    'Api-Version': ctx.apiVersion,
    'Docker-Experimental': 'false',
    Ostype: 'linux',
    Server: `Docker/${ctx.engineVersion} (linux)`,
  };
}

export async function sendJson(ctx: RouteContext, res: ServerResponse, status: number, body: unknown): Promise<void> {
  res.writeHead(status, { ...commonHeaders(ctx), 'Content-Type': 'application/json' });
  await ctx.writeBody(res, Buffer.from(`${JSON.stringify(body)}\n`, 'utf8'), 'other');
}

/** Splits `/v1.56/containers/x/json` into version `1.56` and endpoint `/containers/x/json`. */
export function splitVersion(path: string): { version: string | null; endpoint: string } {
  const match = /^\/v(\d+\.\d+)(\/.*)?$/.exec(path);
  if (!match) return { version: null, endpoint: path };
  return { version: match[1]!, endpoint: match[2] ?? '/' };
}

function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/** Answers one request as Docker Engine does for the endpoints the monitor uses. */
export async function route(ctx: RouteContext, req: RouteRequest, res: ServerResponse): Promise<void> {
  const { method, endpoint, version, query } = req;
  if (version !== null) {
    if (compareVersions(version, ctx.apiVersion) > 0) {
      return sendJson(ctx, res, 400, {
        message: `client version ${version} is too new. Maximum supported API version is ${ctx.apiVersion}`,
      });
    }
    if (compareVersions(version, ctx.minApiVersion) < 0) {
      return sendJson(ctx, res, 400, {
        message: `client version ${version} is too old. Minimum supported API version is ${ctx.minApiVersion}, please upgrade your client to a newer version`,
      });
    }
  }
  const read = method === 'GET' || method === 'HEAD';

  if (endpoint === '/_ping' && read) {
    res.writeHead(200, {
      ...commonHeaders(ctx),
      'Builder-Version': '2',
      'Cache-Control': 'no-cache, no-store, must-revalidate',
      Pragma: 'no-cache',
      Swarm: 'inactive',
      'Content-Type': 'text/plain; charset=utf-8',
    });
    res.end(method === 'HEAD' ? undefined : 'OK');
    return;
  }

  if (endpoint === '/version' && method === 'GET') {
    return sendJson(ctx, res, 200, {
      Platform: { Name: 'Docker Engine - Community' },
      Components: [
        {
          Name: 'Engine',
          Version: ctx.engineVersion,
          Details: { ApiVersion: ctx.apiVersion, MinAPIVersion: ctx.minApiVersion, Os: 'linux', Arch: 'amd64' },
        },
      ],
      Version: ctx.engineVersion,
      ApiVersion: ctx.apiVersion,
      MinAPIVersion: ctx.minApiVersion,
      GitCommit: 'fakefak',
      GoVersion: 'go1.25.4',
      Os: 'linux',
      Arch: 'amd64',
      KernelVersion: '6.12.54-Unraid',
      BuildTime: '2026-11-01T00:00:00.000000000+00:00',
    });
  }

  const containerRoute = /^\/containers\/([^/]+)\/(json|logs)$/.exec(endpoint);
  if (containerRoute && method === 'GET') {
    const idOrName = safeDecode(containerRoute[1]!);
    const container = idOrName === undefined ? undefined : ctx.find(idOrName);
    if (!container) return sendJson(ctx, res, 404, { message: `No such container: ${idOrName ?? containerRoute[1]}` });
    if (containerRoute[2] === 'json') return sendJson(ctx, res, 200, inspectResponse(container));

    // Drivers the daemon cannot read back (moby: logger.ErrReadLogsNotSupported, a NotImplemented error).
    if (!['json-file', 'local', 'journald'].includes(container.logDriver)) {
      return sendJson(ctx, res, 501, { message: 'configured logging driver does not support reading' });
    }
    const logQuery = parseLogQuery(query);
    if (!logQuery.stdout && !logQuery.stderr) {
      return sendJson(ctx, res, 400, { message: 'Bad parameters: you must choose at least one stream' });
    }
    // Since API 1.42 the daemon labels a non-TTY body as multiplexed; before, always raw-stream.
    const multiplexedLabel = !container.tty && (version === null || compareVersions(version, '1.42') >= 0);
    res.writeHead(200, { ...commonHeaders(ctx), 'Content-Type': multiplexedLabel ? MULTIPLEXED : RAW_STREAM });
    await ctx.writeBody(res, renderLogs(container, logQuery), 'logs');
    return;
  }

  return sendJson(ctx, res, 404, { message: 'page not found' });
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * A read-only socket proxy (tecnativa/docker-socket-proxy, HAProxy) answers this for a section or
 * method it does not allow.
 */
export const PROXY_FORBIDDEN_BODY =
  '<html><body><h1>403 Forbidden</h1>\nRequest forbidden by administrative rules.\n</body></html>\n';

/** The proxy's section for an endpoint: `/containers/x/logs` → `containers`, `/_ping` → `ping`. */
export function proxySection(endpoint: string): string {
  const first = endpoint.split('/')[1] ?? '';
  return first === '_ping' ? 'ping' : first;
}
