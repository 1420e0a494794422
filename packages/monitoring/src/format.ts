import type { CheckStatus } from './snapshot.ts';
import type { MonitorStatus, OpenIncidentView } from './status.ts';
import { formatDuration } from './targets.ts';

// The monitor's status as text for Discord (an embed that /status can add beside the suite's health).

/** The embed fields used here; structurally an `APIEmbed` of discord-api-types. */
export interface StatusEmbed {
  title: string;
  description: string;
  color: number;
  fields: { name: string; value: string }[];
  timestamp: string;
}

const COLOR = { ok: 0x2ecc71, problem: 0xe74c3c, unknown: 0x95a5a6 } as const;
const MARK: Record<CheckStatus, string> = { up: '✅', down: '❌', unknown: '❔' };
const DESCRIPTION_MAX = 4096;
const FIELD_MAX = 1024;
const DETAIL_MAX = 200;

/** One line per watched target (and per open incident of a target no longer reported). */
export function monitorStatusLines(status: MonitorStatus, now: number): string[] {
  const byTarget = new Map(status.openIncidents.map((incident) => [incident.target, incident]));
  const lines = status.targets.map((target) => {
    const incident = byTarget.get(target.target);
    byTarget.delete(target.target);
    const state = incident
      ? `down for ${formatDuration(now - Date.parse(incident.openedAt))} (incident #${incident.id})`
      : target.status === 'down'
        ? `failing (${target.consecutiveFailures} check${target.consecutiveFailures === 1 ? '' : 's'} in a row)`
        : target.status;
    const mark = incident ? MARK.down : MARK[target.status];
    return `${mark} **${target.label}** · ${state} — ${clip(oneLine(target.detail), DETAIL_MAX)}`;
  });
  for (const incident of byTarget.values()) lines.push(incidentLine(incident, now));
  return lines;
}

function incidentLine(incident: OpenIncidentView, now: number): string {
  const error = incident.lastError ? ` — ${clip(oneLine(incident.lastError), DETAIL_MAX)}` : '';
  return `${MARK.down} **${incident.label}** · down for ${formatDuration(now - Date.parse(incident.openedAt))} (incident #${incident.id})${error}`;
}

export function monitorStatusEmbed(status: MonitorStatus, now: number): StatusEmbed {
  const open = status.openIncidents.length;
  const title = !status.running
    ? 'Monitor: not running'
    : open > 0
      ? `Monitor: ${open} open incident${open === 1 ? '' : 's'}`
      : status.targets.some((t) => t.status === 'down')
        ? 'Monitor: a target is failing'
        : 'Monitor: every watched target is up';
  const lines = monitorStatusLines(status, now);
  if (lines.length === 0) {
    lines.push(
      status.running
        ? 'Nothing is watched: set PLEX_URL (and TAUTULLI_URL) in .env.'
        : 'No monitor has reported in the last few minutes: is the monitor service running?',
    );
  }
  const fields: StatusEmbed['fields'] = [];
  if (status.alerts && !status.alerts.enabled) {
    fields.push({ name: 'Alerts', value: clip(status.alerts.detail, FIELD_MAX) });
  }
  if (status.problems.length > 0) {
    fields.push({ name: 'Could not read', value: clip(status.problems.join('\n'), FIELD_MAX) });
  }
  const color = open > 0 ? COLOR.problem : status.running ? COLOR.ok : COLOR.unknown;
  return {
    title,
    description: fitLines(lines, DESCRIPTION_MAX),
    color,
    fields,
    timestamp: new Date(status.updatedAt ? Date.parse(status.updatedAt) : now).toISOString(),
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Joins lines, dropping the last ones (with a count) when they do not fit. */
function fitLines(lines: readonly string[], max: number): string {
  const kept = [...lines];
  let dropped = 0;
  const render = () => (dropped > 0 ? [...kept, `… and ${dropped} more`] : kept).join('\n');
  while (kept.length > 1 && render().length > max) {
    kept.pop();
    dropped++;
  }
  return clip(render(), max);
}
