import { type DockerClient, diagnoseContainer, formatDiagnostics } from '@autoalex/docker';
import { z } from 'zod';

// Container diagnostics as stored on the incident (monitor_incidents.diagnostics, jsonb) when it
// opens. The alert is built from the stored copy, so a monitor that restarts before posting it (or
// posts it later, when Discord comes back) shows what was seen when the incident opened.

export const storedDiagnosticsSchema = z.object({
  container: z.string(),
  capturedAt: z.iso.datetime(),
  /** `ok`: the container was inspected; otherwise why not (docker-unreachable, container-missing…). */
  outcome: z.string(),
  /** Embed title, e.g. `binhex-plexpass: exited (137, OOM killed)`. */
  title: z.string(),
  summary: z.array(z.string()),
  /** The last log lines, redacted; '' when there are none. */
  logText: z.string(),
  /** The log does not fit a code block: attach it as `attachmentName`. */
  asAttachment: z.boolean(),
  codeBlock: z.string().nullable(),
  attachmentName: z.string().nullable(),
  state: z
    .object({
      status: z.string(),
      exitCode: z.number(),
      oomKilled: z.boolean(),
      restartCount: z.number(),
      health: z.string().nullable(),
    })
    .nullable(),
});
export type StoredDiagnostics = z.infer<typeof storedDiagnosticsSchema>;

export interface DiagnoseSettings {
  tailLines: number;
  timeoutMs: number;
  /** Values to hide wherever they appear (the Plex token, the Tautulli key, the bot token). */
  secrets: readonly string[];
}

/** Inspects the container and reads its log tail. Never throws (diagnoseContainer does not). */
export async function captureDiagnostics(
  docker: DockerClient,
  container: string,
  settings: DiagnoseSettings,
  now: () => Date,
): Promise<StoredDiagnostics> {
  const result = await diagnoseContainer(docker, container, {
    tailLines: settings.tailLines,
    timeoutMs: settings.timeoutMs,
    secrets: settings.secrets.filter((s) => s.length > 0),
  });
  const formatted = formatDiagnostics(result, { now: now() });
  return {
    container,
    capturedAt: now().toISOString(),
    outcome: result.kind === 'ok' ? 'ok' : result.reason,
    title: formatted.title,
    summary: formatted.summary,
    logText: formatted.logText,
    asAttachment: formatted.asAttachment,
    codeBlock: formatted.codeBlock,
    attachmentName: formatted.attachmentName,
    state:
      result.kind === 'ok'
        ? {
            status: result.container.state.status,
            exitCode: result.container.state.exitCode,
            oomKilled: result.container.state.oomKilled,
            restartCount: result.container.restartCount,
            health: result.container.health?.status ?? null,
          }
        : null,
  };
}

/** The stored diagnostics of an incident, or null when it has none (or they do not parse). */
export function readStoredDiagnostics(value: unknown): StoredDiagnostics | null {
  const parsed = storedDiagnosticsSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
