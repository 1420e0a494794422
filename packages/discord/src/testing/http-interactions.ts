import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

/**
 * Discord's side of HTTP interactions (the "Interactions Endpoint URL"): Discord signs
 * `X-Signature-Timestamp + raw body` with the application's Ed25519 key and sends the signature in
 * `X-Signature-Ed25519` (hex). Tests use these to send requests an endpoint must accept (or refuse).
 */

export interface InteractionKeys {
  /** The public key as the Developer Portal shows it (64 hex characters): DISCORD_PUBLIC_KEY. */
  publicKey: string;
  privateKey: KeyObject;
}

/** A fresh Ed25519 key pair, the public half as raw hex. */
export function generateInteractionKeys(): InteractionKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { publicKey: raw.toString('hex'), privateKey };
}

/** The `X-Signature-Ed25519` value for `body` sent at `timestamp` (unix seconds, as text). */
export function signInteraction(privateKey: KeyObject, body: string | Buffer, timestamp: string | number): string {
  const bytes = Buffer.concat([Buffer.from(String(timestamp), 'utf8'), Buffer.from(body)]);
  return sign(null, bytes, privateKey).toString('hex');
}

/** Headers of a signed interaction request, as Discord sends them (timestamp defaults to now). */
export function signedInteractionHeaders(
  privateKey: KeyObject,
  body: string | Buffer,
  timestamp: string | number = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)',
    'x-signature-ed25519': signInteraction(privateKey, body, timestamp),
    'x-signature-timestamp': String(timestamp),
  };
}
