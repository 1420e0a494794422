import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// AES-256-GCM for secrets stored in Postgres (users' provider keys). The application key comes from
// the caller (a service's config); this module never reads the environment. Each sealed value records
// the version of the key that sealed it, so keys can be rotated: keep old versions in the keyring
// until every row has been re-sealed with the current one.

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export interface EncryptionKey {
  /** Small positive integer stored with every sealed value. */
  version: number;
  /** 32 bytes. */
  key: Buffer;
}

export interface SealedSecret {
  ciphertext: Buffer;
  iv: Buffer;
  tag: Buffer;
  keyVersion: number;
}

/** Thrown when a sealed value cannot be opened: wrong key, unknown key version, or tampered data. */
export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptionError';
  }
}

/**
 * Parses a 32-byte key given as 64 hex characters or as base64 (44 characters), the form it takes in
 * an env variable or a secret file. Throws a message that never contains the key.
 */
export function parseEncryptionKey(text: string, version = 1): EncryptionKey {
  const trimmed = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) key = Buffer.from(trimmed, 'base64');
  if (!key || key.length !== KEY_BYTES) {
    throw new Error('encryption key must be 32 bytes, written as 64 hex characters or base64 (openssl rand -hex 32)');
  }
  return { version: checkVersion(version), key };
}

/** Seals `plaintext`. `context` (e.g. "user:<id>:provider:suno") is authenticated, not stored. */
export function encryptSecret(plaintext: string, key: EncryptionKey, context = ''): SealedSecret {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { ciphertext, iv, tag: cipher.getAuthTag(), keyVersion: key.version };
}

/**
 * Opens a sealed value with the key of its version from `keyring`. The same `context` as at
 * encryption must be given; a value moved to another row therefore fails to open.
 */
export function decryptSecret(
  sealed: SealedSecret,
  keyring: EncryptionKey | readonly EncryptionKey[],
  context = '',
): string {
  const keys = Array.isArray(keyring) ? keyring : [keyring as EncryptionKey];
  const key = keys.find((k) => k.version === sealed.keyVersion);
  if (!key) throw new DecryptionError(`no encryption key with version ${sealed.keyVersion} is configured`);
  checkKey(key);
  if (sealed.iv.length !== IV_BYTES || sealed.tag.length !== TAG_BYTES) {
    throw new DecryptionError('sealed secret is malformed');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, sealed.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new DecryptionError('sealed secret failed authentication (wrong key or tampered data)');
  }
}

function checkKey(key: EncryptionKey): void {
  if (key.key.length !== KEY_BYTES) throw new Error(`encryption key must be ${KEY_BYTES} bytes`);
  checkVersion(key.version);
}

function checkVersion(version: number): number {
  if (!Number.isInteger(version) || version < 1 || version > 32767) {
    throw new Error('encryption key version must be a whole number from 1 to 32767');
  }
  return version;
}
