import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DecryptionError, decryptSecret, encryptSecret, parseEncryptionKey } from './crypto.ts';

const key = { version: 1, key: randomBytes(32) };

describe('crypto', () => {
  it('round-trips a secret, with a fresh iv each time', () => {
    const a = encryptSecret('sk-live-provider-key', key, 'user:1:provider:suno');
    const b = encryptSecret('sk-live-provider-key', key, 'user:1:provider:suno');
    expect(a.keyVersion).toBe(1);
    expect(a.iv).toHaveLength(12);
    expect(a.tag).toHaveLength(16);
    expect(a.iv.equals(b.iv)).toBe(false);
    expect(a.ciphertext.toString('utf8')).not.toContain('sk-live');
    expect(decryptSecret(a, key, 'user:1:provider:suno')).toBe('sk-live-provider-key');
    expect(decryptSecret(b, [key], 'user:1:provider:suno')).toBe('sk-live-provider-key');
  });

  it('rejects a tampered ciphertext, tag or iv', () => {
    const sealed = encryptSecret('secret value', key);
    const flip = (buf: Buffer) => {
      const copy = Buffer.from(buf);
      copy[0] = (copy[0] ?? 0) ^ 1;
      return copy;
    };
    expect(() => decryptSecret({ ...sealed, ciphertext: flip(sealed.ciphertext) }, key)).toThrow(DecryptionError);
    expect(() => decryptSecret({ ...sealed, tag: flip(sealed.tag) }, key)).toThrow(DecryptionError);
    expect(() => decryptSecret({ ...sealed, iv: flip(sealed.iv) }, key)).toThrow(DecryptionError);
  });

  it('rejects the wrong key, the wrong context and an unknown key version', () => {
    const sealed = encryptSecret('secret value', key, 'user:1');
    expect(() => decryptSecret(sealed, { version: 1, key: randomBytes(32) }, 'user:1')).toThrow(DecryptionError);
    expect(() => decryptSecret(sealed, key, 'user:2')).toThrow(DecryptionError);
    expect(() => decryptSecret(sealed, { version: 2, key: key.key }, 'user:1')).toThrow(/version 1/);
  });

  it('opens values sealed with an older key version from a keyring', () => {
    const old = { version: 1, key: randomBytes(32) };
    const current = { version: 2, key: randomBytes(32) };
    const sealed = encryptSecret('kept across rotation', old);
    expect(decryptSecret(sealed, [current, old])).toBe('kept across rotation');
  });

  it('parses hex and base64 keys and rejects anything else without echoing it', () => {
    const raw = randomBytes(32);
    expect(parseEncryptionKey(raw.toString('hex')).key.equals(raw)).toBe(true);
    expect(parseEncryptionKey(raw.toString('base64'), 3)).toMatchObject({ version: 3 });
    expect(() => parseEncryptionKey('hunter2-too-short')).toThrow(/32 bytes/);
    try {
      parseEncryptionKey('hunter2-too-short');
    } catch (err) {
      expect((err as Error).message).not.toContain('hunter2');
    }
    expect(() => parseEncryptionKey(raw.toString('hex'), 0)).toThrow(/version/);
  });
});
