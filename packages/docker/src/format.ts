import type { Diagnosis } from './diagnose.ts';
import type { ContainerInfo } from './inspect.ts';
import type { LogLine } from './lines.ts';

/** Discord's limits (characters) for the places a diagnosis goes. */
export const DISCORD_LIMITS = {
  embedTitle: 256,
  embedFieldValue: 1024,
  embedDescription: 4096,
  messageContent: 2000,
} as const;

export interface FormattedDiagnostics {
  /** Embed title, e.g. `binhex-plexpass: exited (137, OOM killed)`. */
  title: string;
  /** Embed description lines; each fits an embed field, all joined by `\n` fit the description. */
  summary: string[];
  /** The log lines as plain text (attachment body); empty when there are none. */
  logText: string;
  /** The log is too long for a code block in a message: send `logText` as `attachmentName`. */
  asAttachment: boolean;
  /** The log as a fenced code block that fits a message's content; null when attached or empty. */
  codeBlock: string | null;
  /** e.g. `binhex-plexpass-logs.txt`; null when there is no log text. */
  attachmentName: string | null;
}

const SIGNALS: Record<number, string> = {
  130: 'SIGINT',
  134: 'SIGABRT',
  137: 'SIGKILL',
  139: 'SIGSEGV',
  143: 'SIGTERM',
};

export interface FormatOptions {
  /** When the diagnosis was taken (default: now), to tell a container that just restarted. */
  now?: Date;
}

/** A running container that exited this recently, by its restart policy, is crash-looping. */
const RECENT_EXIT_MS = 10 * 60_000;

/** Turns a diagnosis into text for a Discord embed plus a code block or a .txt attachment. */
export function formatDiagnostics(result: Diagnosis, options: FormatOptions = {}): FormattedDiagnostics {
  if (result.kind === 'unavailable') {
    return {
      title: clip(`${result.name}: no diagnostics`, DISCORD_LIMITS.embedTitle),
      summary: [clip(result.message, DISCORD_LIMITS.embedFieldValue)],
      logText: '',
      asAttachment: false,
      codeBlock: null,
      attachmentName: null,
    };
  }
  const { container, logs } = result;
  const summary: string[] = [];
  summary.push(`**State:** ${describeState(container)}`);
  if (container.restartCount > 0) {
    summary.push(`**Restarts:** ${container.restartCount}`);
  }
  if (container.health) {
    const { status, failingStreak, lastOutput } = container.health;
    const streak =
      failingStreak > 0 ? `, ${failingStreak} failing check${failingStreak === 1 ? '' : 's'} in a row` : '';
    const output = lastOutput ? ` — last check: ${inlineCode(lastOutput)}` : '';
    summary.push(`**Health:** ${status}${streak}${output}`);
  }
  if (container.state.error) summary.push(`**Error:** ${inlineCode(container.state.error)}`);
  summary.push(`**Image:** ${inlineCode(container.image)}`);

  const logText = logs.lines.map(formatLine).join('\n');
  if (logs.problem) {
    summary.push(`**Logs:** unavailable — ${logs.problem.message}`);
  } else if (logs.lines.length === 0) {
    summary.push('**Logs:** no output');
  } else {
    const count = `${logs.lines.length} line${logs.lines.length === 1 ? '' : 's'}`;
    const stderr = logs.lines.filter((l) => l.stream === 'stderr').length;
    summary.push(
      `**Logs:** last ${count}${stderr ? ` (${stderr} on stderr)` : ''}${logs.truncated ? ', truncated' : ''}`,
    );
  }

  const fence = logText ? `\`\`\`\n${escapeFences(logText)}\n\`\`\`` : null;
  const asAttachment = fence !== null && fence.length > DISCORD_LIMITS.messageContent;
  return {
    title: clip(`${container.name}: ${shortState(container, options.now ?? new Date())}`, DISCORD_LIMITS.embedTitle),
    summary: fitDescription(summary.map((line) => clip(line, DISCORD_LIMITS.embedFieldValue))),
    logText,
    asAttachment,
    codeBlock: asAttachment ? null : fence,
    attachmentName: logText ? `${container.name}-logs.txt` : null,
  };
}

function describeState(c: ContainerInfo): string {
  const s = c.state;
  const exit = `exit code ${s.exitCode}${SIGNALS[s.exitCode] ? ` (${SIGNALS[s.exitCode]})` : ''}`;
  const oom = s.oomKilled ? ', OOM killed' : '';
  switch (s.status) {
    case 'running':
      return `running${s.startedAt ? ` since ${when(s.startedAt)}` : ''}`;
    case 'restarting':
      return `restarting (last ${exit}${oom})`;
    case 'exited':
    case 'dead':
      return `${s.status} (${exit}${oom})${s.finishedAt ? ` at ${when(s.finishedAt)}` : ''}`;
    default:
      return `${s.status}${s.oomKilled ? ' (OOM killed)' : ''}`;
  }
}

function shortState(c: ContainerInfo, now: Date): string {
  const s = c.state;
  if (crashLooping(c, now)) {
    // Read between two restarts a crash loop says `running`: the restarts and the last exit say more.
    // A running container's exit code is reset to 0, so then the time of the last exit is shown.
    const restarts = `${c.restartCount} restart${c.restartCount === 1 ? '' : 's'}`;
    const exit =
      s.exitCode !== 0
        ? `${s.exitCode}${s.oomKilled ? ', OOM killed' : ''}`
        : s.finishedAt
          ? `at ${when(s.finishedAt)}`
          : '';
    return `restarting (${restarts}${exit ? `, last exit ${exit}` : ''})`;
  }
  const health = c.health && c.health.status !== 'healthy' && s.running ? ` (${c.health.status})` : '';
  if (s.status === 'exited' || s.status === 'dead' || s.status === 'restarting') {
    return `${s.status} (${s.exitCode}${s.oomKilled ? ', OOM killed' : ''})`;
  }
  return `${s.status}${health}`;
}

/** Restarted by its policy: `restarting` now, or running again after an exit a moment ago. */
function crashLooping(c: ContainerInfo, now: Date): boolean {
  if (c.restartCount === 0) return false;
  if (c.state.status === 'restarting') return true;
  if (c.state.status !== 'running' || !c.state.finishedAt) return false;
  const age = now.getTime() - Date.parse(c.state.finishedAt);
  return age >= 0 && age <= RECENT_EXIT_MS;
}

/** `2026-11-21T08:00:01.123456789Z` → `2026-11-21 08:00:01 UTC`. */
function when(time: string): string {
  const match = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?Z$/.exec(time);
  return match ? `${match[1]} ${match[2]} UTC` : time;
}

function formatLine(line: LogLine): string {
  const time = line.timestamp ? `${line.timestamp.replace(/\.\d+(?=Z|[+-]\d\d:\d\d$)/, '')} ` : '';
  return `${time}${line.stream === 'stderr' ? '[stderr] ' : ''}${line.text}`;
}

/** Keeps a code block closed: a ``` inside the log would end it early. */
function escapeFences(text: string): string {
  return text.replace(/```/g, '`\u200b``');
}

function inlineCode(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim().replace(/`/g, 'ˋ');
  return `\`${clip(flat, 300)}\``;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Drops trailing lines until the joined description fits. */
function fitDescription(lines: string[]): string[] {
  const out = [...lines];
  while (out.length > 1 && out.join('\n').length > DISCORD_LIMITS.embedDescription) out.pop();
  return out;
}
