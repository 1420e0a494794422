import { createHmac, timingSafeEqual } from 'node:crypto';
import { StorageError } from './errors.ts';
import { isValidKey } from './keys.ts';

/** The web service serves local blobs at `${PUBLIC_URL}${LOCAL_LINK_ROUTE}<key>?expires=…&signature=…`. */
export const LOCAL_LINK_ROUTE = '/files/';
/** Links live at most 7 days, on both backends (S3's limit for presigned URLs). */
export const MAX_LINK_SECONDS = 7 * 24 * 60 * 60;
export const MIN_SIGNING_SECRET_LENGTH = 16;

export type LinkVerdict =
  | { ok: true }
  | { ok: false; reason: 'invalid-key' | 'malformed' | 'expired' | 'bad-signature' };

/** Throws a clear error unless `secret` is usable for signing links (never echoes it). */
export function assertSigningSecret(secret: unknown): string {
  if (typeof secret !== 'string' || secret.length < MIN_SIGNING_SECRET_LENGTH) {
    throw new StorageError(
      'INVALID_SIGNING_SECRET',
      `the link signing secret must be a string of at least ${MIN_SIGNING_SECRET_LENGTH} characters`,
    );
  }
  return secret;
}

export function assertLinkLifetime(expiresInSeconds: unknown): number {
  if (
    typeof expiresInSeconds !== 'number' ||
    !Number.isInteger(expiresInSeconds) ||
    expiresInSeconds < 1 ||
    expiresInSeconds > MAX_LINK_SECONDS
  ) {
    throw new StorageError(
      'INVALID_LINK_LIFETIME',
      `expiresInSeconds must be a whole number from 1 to ${MAX_LINK_SECONDS} (7 days)`,
    );
  }
  return expiresInSeconds;
}

/** HMAC-SHA256 over a versioned `key` + `expires` (unix seconds), base64url. */
export function signLocalLink(secret: string, key: string, expires: number): string {
  return createHmac('sha256', secret).update(`autoalex-blob-link:v1\n${key}\n${expires}`).digest('base64url');
}

/** Builds the signed URL of a local blob. `now` is in milliseconds since the epoch. */
export function localLinkUrl(
  publicUrl: string,
  secret: string,
  key: string,
  expiresInSeconds: number,
  now: number = Date.now(),
): string {
  const expires = Math.floor(now / 1000) + expiresInSeconds;
  const base = new URL(publicUrl);
  const path = base.pathname.replace(/\/+$/, '');
  const query = new URLSearchParams({ expires: String(expires), signature: signLocalLink(secret, key, expires) });
  return `${base.origin}${path}${LOCAL_LINK_ROUTE}${key}?${query}`;
}

/**
 * Checks a local blob link as the web service receives it: `key` from the path after `/files/`,
 * `expires` and `signature` straight from the query string. `now` defaults to the current time.
 * Returns a verdict instead of throwing: a bad link is an expected outcome (answer 403/410).
 */
export function verifyLocalLink(
  secret: string,
  key: string,
  expires: string | number | null | undefined,
  signature: string | null | undefined,
  now: Date | number = Date.now(),
): LinkVerdict {
  if (!isValidKey(key)) return { ok: false, reason: 'invalid-key' };
  const expiresText = typeof expires === 'number' ? String(expires) : expires;
  if (typeof expiresText !== 'string' || !/^[1-9]\d{0,11}$/.test(expiresText))
    return { ok: false, reason: 'malformed' };
  if (typeof signature !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(signature)) {
    return { ok: false, reason: 'malformed' };
  }
  const expected = Buffer.from(signLocalLink(assertSigningSecret(secret), key, Number(expiresText)));
  if (!timingSafeEqual(expected, Buffer.from(signature))) return { ok: false, reason: 'bad-signature' };
  const nowMs = typeof now === 'number' ? now : now.getTime();
  if (nowMs >= Number(expiresText) * 1000) return { ok: false, reason: 'expired' };
  return { ok: true };
}
