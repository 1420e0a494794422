import type { MonitorIncident } from '@autoalex/db';
import { formatDuration, targetLabel } from '@autoalex/monitoring';
import type {
  APIEmbed,
  APIEmbedField,
  RESTPatchAPIChannelMessageJSONBody,
  RESTPostAPIChannelMessageJSONBody,
} from 'discord-api-types/v10';
import { readStoredDiagnostics, type StoredDiagnostics } from '../diagnostics.ts';

// The Discord messages of an incident, built from its Postgres row alone (so a restarted monitor
// builds the same ones): the alert, its "resolved" edit, the recovery notice and the reminders.

export interface AlertFile {
  name: string;
  data: Buffer;
  contentType: string;
}

export interface OutgoingAlert {
  body: RESTPostAPIChannelMessageJSONBody;
  files: AlertFile[];
}

export const COLORS = { down: 0xe74c3c, resolved: 0x2ecc71, reminder: 0xe67e22 } as const;

const LIMITS = { title: 256, description: 4096, fieldName: 256, fieldValue: 1024, content: 2000 } as const;

export interface AlertContext {
  /** Failed checks in a row that open an incident (what "down" means here). */
  failureThreshold: number;
}

/**
 * Failed checks of the incident: the streak that opened it (the last of which opened the row with
 * failure_count 1) plus every failure counted on it since.
 */
export function failedChecks(incident: MonitorIncident, context: AlertContext): number {
  return context.failureThreshold - 1 + incident.failureCount;
}

/** `<t:1700000000:f>`: Discord shows it in the reader's time zone. */
export function discordTime(date: Date, style: 'f' | 'R' = 'f'): string {
  return `<t:${Math.floor(date.getTime() / 1000)}:${style}>`;
}

/**
 * A nonce for `enforce_nonce`: Discord returns the message already created with it (by this bot,
 * within a few minutes) instead of posting it twice, so a retried post after a lost answer shows
 * once. At most 25 characters; unique per incident and kind.
 */
export function alertNonce(kind: 'alert' | 'recovered' | 'reminder', incident: MonitorIncident, n = 0): string {
  const opened = Math.floor(incident.openedAt.getTime() / 1000).toString(36);
  const prefix = kind === 'alert' ? 'a' : kind === 'recovered' ? 'r' : `m${n.toString(36)}`;
  return `${prefix}${incident.id.toString(36)}-${opened}`.slice(0, 25);
}

function footer(incident: MonitorIncident): APIEmbed['footer'] {
  return { text: `Incident #${incident.id} · Autoalex monitor` };
}

function errorLine(incident: MonitorIncident): string | null {
  if (!incident.lastError) return null;
  return `**Last error:** ${inlineCode(incident.lastError)}`;
}

function diagnosticsField(diagnostics: StoredDiagnostics): APIEmbedField {
  const lines: string[] = [];
  for (const line of diagnostics.summary) {
    if ([...lines, line].join('\n').length > LIMITS.fieldValue) break;
    lines.push(line);
  }
  if (diagnostics.asAttachment && diagnostics.attachmentName) {
    const note = `Log tail attached as ${diagnostics.attachmentName}.`;
    if ([...lines, note].join('\n').length <= LIMITS.fieldValue) lines.push(note);
  }
  return {
    name: clip(`Container ${diagnostics.title}`, LIMITS.fieldName),
    value: clip(lines.join('\n') || 'no details', LIMITS.fieldValue),
  };
}

/** The alert embed; `resolvedAt` turns it into its resolved form (the edit). */
export function alertEmbed(incident: MonitorIncident, context: AlertContext, resolvedAt?: Date): APIEmbed {
  const label = targetLabel(incident.target);
  const diagnostics = readStoredDiagnostics(incident.diagnostics);
  const lines: string[] = [];
  if (resolvedAt) {
    const downFor = formatDuration(resolvedAt.getTime() - incident.openedAt.getTime());
    lines.push(`**Resolved** ${discordTime(resolvedAt)} after **${downFor}** down.`);
  }
  lines.push(`**Down since** ${discordTime(incident.openedAt)} (${discordTime(incident.openedAt, 'R')})`);
  const failed = failedChecks(incident, context);
  lines.push(
    incident.failureCount > 1
      ? `**Failed checks:** ${failed} (${context.failureThreshold} in a row opened it)`
      : `**Failed checks:** ${failed} in a row`,
  );
  const error = errorLine(incident);
  if (error) lines.push(error);
  return {
    title: clip(resolvedAt ? `✅ ${label} recovered` : `🔴 ${label} is down`, LIMITS.title),
    description: clip(lines.join('\n'), LIMITS.description),
    color: resolvedAt ? COLORS.resolved : COLORS.down,
    fields: diagnostics ? [diagnosticsField(diagnostics)] : [],
    footer: footer(incident),
    timestamp: incident.openedAt.toISOString(),
  };
}

/** The alert: an embed, the log tail as a code block in the content or as a .txt attachment. */
export function alertMessage(incident: MonitorIncident, context: AlertContext): OutgoingAlert {
  const diagnostics = readStoredDiagnostics(incident.diagnostics);
  const files: AlertFile[] = [];
  let content: string | undefined;
  if (diagnostics?.codeBlock && diagnostics.codeBlock.length <= LIMITS.content) {
    content = diagnostics.codeBlock;
  } else if (diagnostics?.logText && diagnostics.attachmentName) {
    files.push({
      name: diagnostics.attachmentName,
      data: Buffer.from(`${diagnostics.logText}\n`, 'utf8'),
      contentType: 'text/plain; charset=utf-8',
    });
  }
  return {
    body: {
      ...(content ? { content } : {}),
      embeds: [alertEmbed(incident, context)],
      allowed_mentions: { parse: [] },
      nonce: alertNonce('alert', incident),
      enforce_nonce: true,
      ...(files.length > 0
        ? { attachments: files.map((file, index) => ({ id: String(index), filename: file.name })) }
        : {}),
    },
    files,
  };
}

/** The edit of the alert once the incident is resolved (content and attachments stay as they are). */
export function resolvedAlertEdit(
  incident: MonitorIncident,
  context: AlertContext,
  resolvedAt: Date,
): RESTPatchAPIChannelMessageJSONBody {
  return { embeds: [alertEmbed(incident, context, resolvedAt)] };
}

function replyTo(incident: MonitorIncident): Pick<RESTPostAPIChannelMessageJSONBody, 'message_reference'> {
  return incident.alertMessageId
    ? { message_reference: { message_id: incident.alertMessageId, fail_if_not_exists: false } }
    : {};
}

/** The one recovery notice: a reply to the alert with the downtime. */
export function recoveryNotice(incident: MonitorIncident, context: AlertContext, resolvedAt: Date): OutgoingAlert {
  const label = targetLabel(incident.target);
  const downFor = formatDuration(resolvedAt.getTime() - incident.openedAt.getTime());
  const lines = [
    `${label} was down for **${downFor}**, from ${discordTime(incident.openedAt)} to ${discordTime(resolvedAt)}.`,
  ];
  lines.push(`${failedChecks(incident, context)} checks failed during the incident.`);
  return {
    body: {
      embeds: [
        {
          title: clip(`✅ ${label} is back up`, LIMITS.title),
          description: clip(lines.join('\n'), LIMITS.description),
          color: COLORS.resolved,
          footer: footer(incident),
          timestamp: resolvedAt.toISOString(),
        },
      ],
      allowed_mentions: { parse: [] },
      nonce: alertNonce('recovered', incident),
      enforce_nonce: true,
      ...replyTo(incident),
    },
    files: [],
  };
}

/** A reminder that the incident is still open: a reply to the alert. */
export function reminderMessage(incident: MonitorIncident, now: Date): OutgoingAlert {
  const label = targetLabel(incident.target);
  const downFor = formatDuration(now.getTime() - incident.openedAt.getTime());
  const lines = [`${label} has been down for **${downFor}**, since ${discordTime(incident.openedAt)}.`];
  const error = errorLine(incident);
  if (error) lines.push(error);
  return {
    body: {
      embeds: [
        {
          title: clip(`⏰ ${label} is still down`, LIMITS.title),
          description: clip(lines.join('\n'), LIMITS.description),
          color: COLORS.reminder,
          footer: footer(incident),
          timestamp: now.toISOString(),
        },
      ],
      allowed_mentions: { parse: [] },
      nonce: alertNonce('reminder', incident, incident.reminderCount),
      enforce_nonce: true,
      ...replyTo(incident),
    },
    files: [],
  };
}

function inlineCode(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim().replace(/`/g, 'ˋ');
  return `\`${clip(flat, 300)}\``;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
