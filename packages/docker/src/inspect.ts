import { z } from 'zod';

/**
 * The part of `GET /containers/{id}/json` (ContainerInspectResponse, Engine API 1.56) the monitor
 * reads. Fields an older daemon may lack get defaults; a body without `Id` or `State` is not an
 * inspect answer.
 */
const HealthSchema = z.object({
  Status: z.string(),
  FailingStreak: z.number().int().catch(0).default(0),
  Log: z
    .array(
      z.object({
        Start: z.string().optional(),
        End: z.string().optional(),
        ExitCode: z.number().int().optional(),
        Output: z.string().catch('').default(''),
      }),
    )
    .nullish(),
});

export const InspectSchema = z.object({
  Id: z.string().min(1),
  Name: z.string().default(''),
  Image: z.string().default(''),
  RestartCount: z.number().int().nonnegative().catch(0).default(0),
  State: z.object({
    Status: z.string(),
    Running: z.boolean().default(false),
    Restarting: z.boolean().default(false),
    OOMKilled: z.boolean().default(false),
    ExitCode: z.number().int().default(0),
    Error: z.string().default(''),
    StartedAt: z.string().default(''),
    FinishedAt: z.string().default(''),
    Health: HealthSchema.nullish(),
  }),
  Config: z
    .object({
      Tty: z.boolean().default(false),
      Image: z.string().optional(),
      Env: z.array(z.string()).nullish(),
    })
    .nullish(),
});

export type Inspect = z.infer<typeof InspectSchema>;

export interface ContainerState {
  /** created | running | paused | restarting | removing | exited | dead */
  status: string;
  running: boolean;
  restarting: boolean;
  oomKilled: boolean;
  exitCode: number;
  /** `State.Error` (e.g. an OCI runtime error), or null when empty. */
  error: string | null;
  /** RFC 3339; null when the container never started (Docker's zero time). */
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ContainerHealth {
  /** starting | healthy | unhealthy | none */
  status: string;
  failingStreak: number;
  /** Output of the most recent health check, trimmed; null when there is none. */
  lastOutput: string | null;
}

export interface ContainerInfo {
  name: string;
  id: string;
  /** The image reference it was created from (`Config.Image`), else the image id. */
  image: string;
  state: ContainerState;
  health: ContainerHealth | null;
  restartCount: number;
}

const MAX_HEALTH_OUTPUT = 500;

/** Builds the monitor's view of a container; `clean` redacts and tidies text from the container. */
export function toContainerInfo(
  inspect: Inspect,
  requestedName: string,
  clean: (text: string) => string,
): ContainerInfo {
  const state = inspect.State;
  const health = state.Health;
  const last = health?.Log?.at(-1);
  const output = last ? clean(last.Output).trim() : '';
  return {
    name: inspect.Name.replace(/^\//, '') || requestedName,
    id: inspect.Id,
    image: inspect.Config?.Image || inspect.Image,
    state: {
      status: state.Status,
      running: state.Running,
      restarting: state.Restarting,
      oomKilled: state.OOMKilled,
      exitCode: state.ExitCode,
      error: state.Error.trim() ? clean(state.Error.trim()) : null,
      startedAt: realTime(state.StartedAt),
      finishedAt: realTime(state.FinishedAt),
    },
    health: health
      ? {
          status: health.Status,
          failingStreak: health.FailingStreak,
          lastOutput: output ? clipText(output, MAX_HEALTH_OUTPUT) : null,
        }
      : null,
    restartCount: inspect.RestartCount,
  };
}

/** Docker writes `0001-01-01T00:00:00Z` for "never". */
function realTime(value: string): string | null {
  return value && !value.startsWith('0001-01-01') ? value : null;
}

export function clipText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Values of the container's own secret-looking environment variables (PLEX_CLAIM, *_TOKEN,
 * *_PASSWORD, *_KEY…), so logs that echo them are redacted too. Only values of 6+ characters.
 */
export function secretsFromEnv(env: readonly string[] | null | undefined): string[] {
  const out: string[] = [];
  for (const entry of env ?? []) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const key = entry.slice(0, eq);
    const value = entry.slice(eq + 1);
    if (value.length >= 6 && /TOKEN|SECRET|PASS|API_?KEY|(^|_)KEY($|_)|CLAIM|CREDENTIAL|AUTH|PRIVATE/i.test(key)) {
      out.push(value);
    }
  }
  return out;
}
