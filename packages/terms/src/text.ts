// Which characters text in the suite may hold (ADR 0228), for text typed by users (command options,
// modal fields) and text read from upstreams (Plex, Tautulli). Never allowed: NUL (Postgres refuses
// it in text: "invalid byte sequence 0x00"), the other C0 and C1 control characters and DEL
// (invisible, and they garble logs, embeds and search), and lone UTF-16 surrogates (not UTF-8:
// Postgres would store U+FFFD instead). Line feed and tab are allowed only in multi-line text.

export interface TextOptions {
  /** Multi-line text (a modal's paragraph field, an album summary) keeps `\n` and `\t`. */
  readonly multiline?: boolean;
}

// One alternation each: control characters, a high surrogate without its low half, a low surrogate
// without its high half. The single-line set includes \t \n \v \f \r and NEL.
const LONE_SURROGATE = String.raw`[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]`;
const SINGLE_LINE = new RegExp(String.raw`[\u0000-\u001F\u007F-\u009F]|${LONE_SURROGATE}`, 'g');
const MULTI_LINE = new RegExp(String.raw`[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|${LONE_SURROGATE}`, 'g');
/** Control characters that separate words: they become a space, not nothing, when text is cleaned. */
const SPACING = /[\t\n\v\f\r\u0085]/;

const unusable = (options: TextOptions | undefined) => (options?.multiline ? MULTI_LINE : SINGLE_LINE);

/** True when `text` holds a character no text of the suite may hold (see above). */
export function hasUnusableCharacters(text: string, options?: TextOptions): boolean {
  const pattern = unusable(options);
  pattern.lastIndex = 0;
  return pattern.test(text);
}

/**
 * `text` without the characters it may not hold: line breaks and tabs become spaces in single-line
 * text (so words stay apart), CR LF becomes LF in multi-line text, everything else is removed.
 * Returns `text` itself when there is nothing to clean (the common case, and cheap).
 */
export function cleanText(text: string, options?: TextOptions): string {
  if (!hasUnusableCharacters(text, options)) return text;
  const source = options?.multiline ? text.replace(/\r\n?/g, '\n') : text;
  return source.replace(unusable(options), (char) => (SPACING.test(char) ? ' ' : ''));
}
