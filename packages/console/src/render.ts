import type { ConsoleMessage } from '@autoalex/contracts';

// A console answer as readable text: what Discord would show, flattened for a terminal. Markdown
// emphasis is dropped, embeds become titled blocks, components become [ labels ].

type Json = Record<string, unknown>;

const EPHEMERAL = 1 << 6;

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Drops Markdown emphasis and code ticks; keeps the words. */
export function plain(text: string): string {
  return text
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/(^|[^*\w])\*(?!\s)(.+?)\*(?!\w)/g, '$1$2')
    .replace(/__(.+?)__/g, '$1')
    .replace(/`([^`]+)`/g, '$1');
}

function indent(text: string, prefix = '  '): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '' : `${prefix}${line}`))
    .join('\n');
}

function megabytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} kB`;
}

function renderEmbed(embed: Json): string {
  const out: string[] = [];
  const title = str(embed.title);
  const author = str(obj(embed.author)?.name);
  if (author) out.push(plain(author));
  if (title) out.push(`== ${plain(title)} ==`);
  const description = str(embed.description);
  if (description) out.push(plain(description));
  for (const field of list(embed.fields)) {
    const f = obj(field);
    if (!f) continue;
    const name = str(f.name)?.trim();
    const value = str(f.value) ?? '';
    out.push(name && name !== '\u200b' ? `${plain(name)}\n${indent(plain(value))}` : plain(value));
  }
  const footer = str(obj(embed.footer)?.text);
  if (footer) out.push(plain(footer));
  const url = str(embed.url);
  if (url) out.push(url);
  return out.join('\n');
}

function renderComponent(component: Json): string[] {
  switch (component.type) {
    case 1: // action row
      return [
        list(component.components)
          .flatMap((c) => renderComponent(obj(c) ?? {}))
          .join(' '),
      ];
    case 2: {
      const label = str(component.label) ?? str(obj(component.emoji)?.name) ?? 'button';
      const url = str(component.url);
      return [url ? `[ ${label} ↗ ${url} ]` : `[ ${label} ]`];
    }
    case 3:
    case 5:
    case 6:
    case 7:
    case 8: {
      const choices = list(component.options).length;
      const placeholder = str(component.placeholder) ?? 'choose';
      return [`[ ${placeholder} ▾${choices > 0 ? ` (${choices} choices)` : ''} ]`];
    }
    case 10: // text display (components v2)
      return [plain(str(component.content) ?? '')];
    default:
      return list(component.components).flatMap((c) => renderComponent(obj(c) ?? {}));
  }
}

/** A message body (content, embeds, components, attachments) as text. */
export function renderMessage(body: Json, files: ConsoleMessage['files'] = []): string {
  const out: string[] = [];
  if ((Number(body.flags ?? 0) & EPHEMERAL) !== 0) out.push('(only you can see this)');
  const content = str(body.content);
  if (content) out.push(plain(content));
  for (const embed of list(body.embeds)) {
    const e = obj(embed);
    if (e) out.push(renderEmbed(e));
  }
  const components = list(body.components).flatMap((c) => renderComponent(obj(c) ?? {}));
  if (components.length > 0) out.push(components.join('\n'));
  for (const attachment of list(body.attachments)) {
    const a = obj(attachment);
    const name = str(a?.filename);
    if (!name) continue;
    const size = typeof a?.size === 'number' ? ` (${megabytes(a.size)})` : '';
    const stored = files.find((f) => f.filename === name);
    out.push(`📎 ${name}${size}${stored ? ` — stored at ${stored.storageKey}` : ''}`);
  }
  return out.join('\n\n');
}

/** What to print for one console answer; undefined when there is nothing to show (an acknowledgement). */
export function renderConsoleMessage(message: ConsoleMessage): { text: string; progress: boolean } | undefined {
  const { body, files } = message;
  if (message.kind !== 'callback') return { text: renderMessage(body, files), progress: false };
  const data = obj(body.data) ?? {};
  switch (body.type) {
    case 4:
      return { text: renderMessage(data, files), progress: false };
    case 7:
      return { text: `(the message was updated)\n${renderMessage(data, files)}`, progress: false };
    case 5:
      return { text: 'Autoalex is working on it…', progress: true };
    case 6:
      return undefined;
    case 8: {
      const choices = list(data.choices).map((c) => str(obj(c)?.name) ?? '');
      return {
        text: choices.length === 0 ? '(no suggestions)' : choices.map((c) => `• ${c}`).join('\n'),
        progress: false,
      };
    }
    case 9:
      return {
        text: `This command opens a form${str(data.title) ? ` (“${data.title}”)` : ''}, which the console cannot show.`,
        progress: false,
      };
    default:
      return { text: `(an answer of type ${String(body.type)})`, progress: false };
  }
}
