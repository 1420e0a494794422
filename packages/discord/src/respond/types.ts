import type {
  APIAllowedMentions,
  APIApplicationCommandOptionChoice,
  APIEmbed,
  APIMessageTopLevelComponent,
  APIModalInteractionResponseCallbackData,
} from 'discord-api-types/v10';

/** A file to attach to a message; sent as `files[n]` of a multipart body beside `payload_json`. */
export interface OutgoingFile {
  /** File name shown in Discord, e.g. `remix-vocals.mp3`. */
  readonly name: string;
  readonly data: Uint8Array;
  readonly contentType?: string;
  /** Alt text, up to 1024 characters. */
  readonly description?: string;
  /** Where the file already lives in blob storage; the console shows it as a stored file. */
  readonly storageKey?: string;
}

/**
 * A message as Discord takes it (content, embeds, components, allowed mentions, flags), plus
 * `ephemeral` (only the user who interacted sees it; flag 64) and `files` to upload.
 * `allowed_mentions` defaults to none, so user text never pings anyone.
 */
export interface OutgoingMessage {
  readonly content?: string;
  readonly embeds?: readonly APIEmbed[];
  readonly components?: readonly APIMessageTopLevelComponent[];
  readonly allowed_mentions?: APIAllowedMentions;
  readonly flags?: number;
  readonly ephemeral?: boolean;
  readonly files?: readonly OutgoingFile[];
}

export type AutocompleteChoice = APIApplicationCommandOptionChoice<string | number>;
export type ModalData = APIModalInteractionResponseCallbackData;

/** A message the responder created or edited: where it is, for later edits. */
export interface SentMessage {
  readonly id: string;
  readonly channelId: string | undefined;
}

/** How an answer ended: `error` when the user was told it could not be done. */
export type Outcome = 'ok' | 'error';

/**
 * Answers one interaction, wherever it came from (Discord or the console). The first six methods
 * are the *initial* response — exactly one of them, once, within 3 s; the rest work for 15 min
 * after it (the Discord responder then falls back to ordinary bot messages in the channel).
 */
export interface Responder {
  readonly kind: 'discord' | 'console';
  /** Initial: a message (callback type 4). */
  reply(message: OutgoingMessage): Promise<void>;
  /** Initial: "thinking…" (type 5); finish with `editOriginal` or `followUp`. */
  defer(options?: { ephemeral?: boolean }): Promise<void>;
  /** Initial, components only: replace the message the component sits on (type 7). */
  update(message: OutgoingMessage): Promise<void>;
  /** Initial, components only: acknowledge now, edit the message later (type 6). */
  deferUpdate(): Promise<void>;
  /** Initial: open a form (type 9); not after a deferral. */
  modal(modal: ModalData): Promise<void>;
  /** Initial, autocomplete only: up to 25 suggestions (type 8). */
  autocomplete(choices: readonly AutocompleteChoice[]): Promise<void>;
  /** Edits the original response; undefined when it could not be shown (an ephemeral answer past the token). */
  editOriginal(message: OutgoingMessage): Promise<SentMessage | undefined>;
  deleteOriginal(): Promise<void>;
  /** A further message; undefined when it could not be shown (an ephemeral answer past the token). */
  followUp(message: OutgoingMessage): Promise<SentMessage | undefined>;
  /** The answer is complete: the console stops waiting. A no-op for Discord. Idempotent. */
  complete(outcome?: Outcome): Promise<void>;
}

/** What the responders log: a pino logger fits. */
export interface ResponderLogger {
  warn(fields: object, message: string): void;
}
