import { redact } from '@autoalex/config';
import { DiscordAPIError, HTTPError, type REST } from '@discordjs/rest';
import { type APIMessage, type RESTPatchAPIChannelMessageJSONBody, Routes } from 'discord-api-types/v10';
import type { OutgoingAlert } from './messages.ts';

// Where alerts go: a Discord channel through the bot's REST client (ADR 0151), or nowhere (alerts
// disabled: incidents are still recorded and logged).

export interface AlertSink {
  readonly enabled: boolean;
  /** One sentence for /healthz and /status: where alerts go, or why they are off and how to turn them on. */
  readonly detail: string;
  readonly channelId: string | null;
  /** Posts a message (in the alert channel unless told otherwise); resolves to its id. Throws AlertError. */
  send(message: OutgoingAlert, inChannel?: string): Promise<{ messageId: string; channelId: string }>;
  /** Edits a message the bot posted. Throws AlertError (`missing: true` when it was deleted). */
  edit(channelId: string, messageId: string, body: RESTPatchAPIChannelMessageJSONBody): Promise<void>;
  /** The last failure to post or edit, until one succeeds; null when the last call worked. */
  lastFailure(): string | null;
}

export class AlertError extends Error {
  override readonly name = 'AlertError';
  readonly status: number | undefined;
  /** The message or channel no longer exists (10008 Unknown Message, 10003 Unknown Channel). */
  readonly missing: boolean;
  constructor(message: string, status: number | undefined, missing: boolean) {
    super(message);
    this.status = status;
    this.missing = missing;
  }
}

export function disabledAlerts(detail: string): AlertSink {
  const refuse = () => Promise.reject(new AlertError(detail, undefined, false));
  return { enabled: false, detail, channelId: null, send: refuse, edit: refuse, lastFailure: () => null };
}

export function discordAlerts(options: { rest: REST; channelId: string; token: string }): AlertSink {
  const { rest, channelId } = options;
  let failure: string | null = null;
  const track = async <T>(what: string, call: () => Promise<T>): Promise<T> => {
    try {
      const result = await call();
      failure = null;
      return result;
    } catch (err) {
      const error = toAlertError(err, what, options.token);
      failure = error.message;
      throw error;
    }
  };
  return {
    enabled: true,
    detail: `alerts go to Discord channel ${channelId}`,
    channelId,
    send(message, inChannel = channelId) {
      return track('posting an alert', async () => {
        const sent = (await rest.post(Routes.channelMessages(inChannel), {
          body: message.body,
          files: message.files.map((file, index) => ({
            key: `files[${index}]`,
            name: file.name,
            data: file.data,
            contentType: file.contentType,
          })),
        })) as APIMessage;
        return { messageId: sent.id, channelId: inChannel };
      });
    },
    edit(inChannel, messageId, body) {
      return track('editing an alert', async () => {
        await rest.patch(Routes.channelMessage(inChannel, messageId), { body });
      });
    },
    lastFailure: () => failure,
  };
}

function toAlertError(err: unknown, what: string, token: string): AlertError {
  const clean = (text: string) => redact(token ? text.replaceAll(token, '[redacted]') : text).slice(0, 300);
  if (err instanceof DiscordAPIError) {
    const missing = err.code === 10008 || err.code === 10003;
    return new AlertError(
      `${what}: Discord answered ${err.status} (code ${err.code}): ${clean(err.message.split('\n')[0] ?? '')}`,
      err.status,
      missing,
    );
  }
  if (err instanceof HTTPError) {
    return new AlertError(`${what}: Discord answered ${err.status}`, err.status, false);
  }
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new AlertError(`${what}: ${clean(text)}`, undefined, false);
}
