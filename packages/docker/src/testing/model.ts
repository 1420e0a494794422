import { createHash } from 'node:crypto';

/** What a test says about a container; everything but the name has a realistic default. */
export interface FakeContainerInput {
  /** Container name without the leading slash, e.g. `binhex-plexpass`. */
  name: string;
  /** 64 hex characters; derived from the name when absent. */
  id?: string;
  /** The image reference the container was created from (`Config.Image`). */
  image?: string;
  status?: FakeContainerStatus;
  exitCode?: number;
  oomKilled?: boolean;
  /** `State.Error`, e.g. an OCI runtime error. */
  error?: string;
  startedAt?: string;
  finishedAt?: string;
  restartCount?: number;
  /** A container created with `-t`: its logs are raw text, not multiplexed frames. */
  tty?: boolean;
  /** `null` or absent: the image has no healthcheck (Docker then omits `State.Health`). */
  health?: FakeHealthInput | null;
  env?: string[];
  logs?: FakeLogInput[];
  /** Bytes answered for the logs instead of rendering `logs` (garbage and truncation tests). */
  rawLogBody?: Buffer | null;
  /** `none` (and drivers like syslog) cannot be read back: the logs endpoint answers 501. */
  logDriver?: string;
}

export type FakeContainerStatus = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface FakeHealthInput {
  status: 'starting' | 'healthy' | 'unhealthy';
  failingStreak?: number;
  log?: FakeHealthCheckInput[];
}

export interface FakeHealthCheckInput {
  exitCode: number;
  output: string;
  start?: string;
  end?: string;
}

/** One log line as the container wrote it; `\n` is added when rendered. */
export type FakeLogInput = string | { text: string; stream?: 'stdout' | 'stderr'; time?: string };

export interface FakeLogLine {
  text: string;
  stream: 'stdout' | 'stderr';
  /** RFC 3339 with nanoseconds, as Docker prints it with `timestamps=1`. */
  time: string;
}

export interface FakeContainer {
  name: string;
  id: string;
  image: string;
  imageId: string;
  status: FakeContainerStatus;
  exitCode: number;
  oomKilled: boolean;
  error: string;
  startedAt: string;
  finishedAt: string;
  restartCount: number;
  tty: boolean;
  health: FakeHealthInput | null;
  env: string[];
  logs: FakeLogLine[];
  rawLogBody: Buffer | null;
  logDriver: string;
  created: string;
}

const ZERO_TIME = '0001-01-01T00:00:00Z';
const BASE_TIME = Date.parse('2026-11-21T08:00:00Z');

export function containerId(name: string): string {
  return createHash('sha256').update(`container:${name}`).digest('hex');
}

/** Formats like Go's RFC3339Nano as Docker writes log timestamps: nine fraction digits. */
export function dockerTime(ms: number, nanos = 0): string {
  const iso = new Date(ms).toISOString();
  const fraction = `${iso.slice(20, 23)}${String(nanos).padStart(6, '0')}`;
  return `${iso.slice(0, 19)}.${fraction}Z`;
}

export function toLogLines(inputs: readonly FakeLogInput[], startIndex = 0): FakeLogLine[] {
  return inputs.map((input, i) => {
    const line = typeof input === 'string' ? { text: input } : input;
    return {
      text: line.text,
      stream: line.stream ?? 'stdout',
      time: line.time ?? dockerTime(BASE_TIME + (startIndex + i) * 1000, 123_456),
    };
  });
}

export function createContainer(input: FakeContainerInput): FakeContainer {
  const status = input.status ?? 'running';
  const stopped = status === 'exited' || status === 'dead' || status === 'created';
  const image = input.image ?? `example/${input.name}:latest`;
  return {
    name: input.name.replace(/^\//, ''),
    id: input.id ?? containerId(input.name),
    image,
    imageId: `sha256:${createHash('sha256').update(`image:${image}`).digest('hex')}`,
    status,
    exitCode: input.exitCode ?? 0,
    oomKilled: input.oomKilled ?? false,
    error: input.error ?? '',
    startedAt: input.startedAt ?? (status === 'created' ? ZERO_TIME : dockerTime(BASE_TIME, 1)),
    finishedAt:
      input.finishedAt ?? (stopped && status !== 'created' ? dockerTime(BASE_TIME + 3_600_000, 2) : ZERO_TIME),
    restartCount: input.restartCount ?? 0,
    tty: input.tty ?? false,
    health: input.health ?? null,
    env: input.env ?? ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    logs: toLogLines(input.logs ?? []),
    rawLogBody: input.rawLogBody ?? null,
    logDriver: input.logDriver ?? 'json-file',
    created: dockerTime(BASE_TIME - 86_400_000, 3),
  };
}

/** Applies a patch; `logs` replaces the log lines. Identity fields (name, id) stay. */
export function updateContainer(container: FakeContainer, patch: Partial<Omit<FakeContainerInput, 'name'>>): void {
  const next = createContainer({ ...snapshotInput(container), ...patch, name: container.name, id: container.id });
  Object.assign(container, next, { logs: patch.logs ? next.logs : container.logs });
}

function snapshotInput(c: FakeContainer): FakeContainerInput {
  return {
    name: c.name,
    id: c.id,
    image: c.image,
    status: c.status,
    exitCode: c.exitCode,
    oomKilled: c.oomKilled,
    error: c.error,
    startedAt: c.startedAt,
    finishedAt: c.finishedAt,
    restartCount: c.restartCount,
    tty: c.tty,
    health: c.health,
    env: c.env,
    rawLogBody: c.rawLogBody,
    logDriver: c.logDriver,
  };
}

/** `GET /containers/{id}/json` as Docker Engine 29 (API 1.56) answers it on Linux. */
export function inspectResponse(c: FakeContainer): Record<string, unknown> {
  const running = c.status === 'running' || c.status === 'paused' || c.status === 'restarting';
  const state: Record<string, unknown> = {
    Status: c.status,
    Running: running,
    Paused: c.status === 'paused',
    Restarting: c.status === 'restarting',
    OOMKilled: c.oomKilled,
    Dead: c.status === 'dead',
    Pid: running && c.status !== 'restarting' ? 4000 + (Number.parseInt(c.id.slice(0, 4), 16) % 20000) : 0,
    ExitCode: c.exitCode,
    Error: c.error,
    StartedAt: c.startedAt,
    FinishedAt: c.finishedAt,
  };
  if (c.health) {
    state.Health = {
      Status: c.health.status,
      FailingStreak: c.health.failingStreak ?? 0,
      Log: (c.health.log ?? []).map((check, i) => ({
        Start: check.start ?? dockerTime(BASE_TIME + i * 30_000, 4),
        End: check.end ?? dockerTime(BASE_TIME + i * 30_000 + 250, 5),
        ExitCode: check.exitCode,
        Output: check.output,
      })),
    };
  }
  const hostname = c.id.slice(0, 12);
  return {
    Id: c.id,
    Created: c.created,
    Path: '/usr/bin/tini',
    Args: ['--', '/bin/bash', '/usr/local/bin/init.sh'],
    State: state,
    Image: c.imageId,
    ResolvConfPath: `/var/lib/docker/containers/${c.id}/resolv.conf`,
    HostnamePath: `/var/lib/docker/containers/${c.id}/hostname`,
    HostsPath: `/var/lib/docker/containers/${c.id}/hosts`,
    LogPath: `/var/lib/docker/containers/${c.id}/${c.id}-json.log`,
    Name: `/${c.name}`,
    RestartCount: c.restartCount,
    Driver: 'overlay2',
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: '',
    ExecIDs: null,
    HostConfig: {
      NetworkMode: 'bridge',
      RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
      LogConfig: { Type: c.logDriver, Config: c.logDriver === 'json-file' ? { 'max-size': '50m' } : {} },
      Binds: [`/mnt/user/appdata/${c.name}:/config`],
    },
    GraphDriver: { Name: 'overlay2', Data: { MergedDir: `/var/lib/docker/overlay2/${hostname}/merged` } },
    Mounts: [
      {
        Type: 'bind',
        Source: `/mnt/user/appdata/${c.name}`,
        Destination: '/config',
        Mode: '',
        RW: true,
        Propagation: 'rprivate',
      },
    ],
    Config: {
      Hostname: hostname,
      Domainname: '',
      User: '',
      AttachStdin: false,
      AttachStdout: true,
      AttachStderr: true,
      Tty: c.tty,
      OpenStdin: c.tty,
      StdinOnce: false,
      Env: c.env,
      Cmd: ['/bin/bash', '/usr/local/bin/init.sh'],
      Image: c.image,
      Volumes: { '/config': {} },
      WorkingDir: '/',
      Entrypoint: ['/usr/bin/tini', '--'],
      Labels: { 'org.opencontainers.image.title': c.name },
    },
    NetworkSettings: {
      SandboxID: createHash('sha256').update(`sandbox:${c.id}`).digest('hex'),
      SandboxKey: `/var/run/docker/netns/${hostname}`,
      Ports: {},
      Networks: {
        bridge: {
          IPAMConfig: null,
          Links: [],
          Aliases: [],
          MacAddress: '02:42:ac:11:00:02',
          NetworkID: createHash('sha256').update('network:bridge').digest('hex'),
          EndpointID: running ? createHash('sha256').update(`endpoint:${c.id}`).digest('hex') : '',
          Gateway: running ? '172.17.0.1' : '',
          IPAddress: running ? '172.17.0.2' : '',
          IPPrefixLen: running ? 16 : 0,
          IPv6Gateway: '',
          GlobalIPv6Address: '',
          GlobalIPv6PrefixLen: 0,
          DNSNames: [],
        },
      },
    },
  };
}
