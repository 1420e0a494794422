/**
 * Whether the JSON text in `body` nests arrays and objects more than `limit` deep, read from the
 * bytes before anything parses them: brackets are counted outside strings only (escapes
 * respected). UTF-8 continuation bytes are never ASCII, so multi-byte characters cannot fool it.
 * One pass, no allocation, stops at the first level too deep; malformed JSON is left to JSON.parse.
 */
export function jsonDeeperThan(body: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const byte of body) {
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === BACKSLASH) escaped = true;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      depth += 1;
      if (depth > limit) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth -= 1;
    }
  }
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
