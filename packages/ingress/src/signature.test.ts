import { generateInteractionKeys, signInteraction } from '@autoalex/discord/testing';
import { describe, expect, it } from 'vitest';
import { ed25519PublicKey, verifyInteractionSignature } from './signature.ts';

describe('Ed25519 interaction signatures', () => {
  const keys = generateInteractionKeys();
  const publicKey = ed25519PublicKey(keys.publicKey);
  const body = Buffer.from('{"type":1}');

  it('accepts Discord-style signatures over timestamp + raw body', () => {
    expect(
      verifyInteractionSignature(publicKey, '1700000000', body, signInteraction(keys.privateKey, body, 1700000000)),
    ).toBe(true);
    const upper = signInteraction(keys.privateKey, body, 1700000000).toUpperCase();
    expect(verifyInteractionSignature(publicKey, '1700000000', body, upper)).toBe(true);
  });

  it('refuses another timestamp, another body, another key and malformed signatures, without throwing', () => {
    const signature = signInteraction(keys.privateKey, body, 1700000000);
    expect(verifyInteractionSignature(publicKey, '1700000001', body, signature)).toBe(false);
    expect(verifyInteractionSignature(publicKey, '1700000000', Buffer.from('{"type":2}'), signature)).toBe(false);
    const other = ed25519PublicKey(generateInteractionKeys().publicKey);
    expect(verifyInteractionSignature(other, '1700000000', body, signature)).toBe(false);
    for (const bad of ['', 'abc', signature.slice(2), `${signature}00`, 'g'.repeat(128)]) {
      expect(verifyInteractionSignature(publicKey, '1700000000', body, bad)).toBe(false);
    }
  });

  it('refuses a public key that is not 64 hex characters', () => {
    expect(() => ed25519PublicKey('abc')).toThrow('64 hex characters');
    expect(() => ed25519PublicKey('z'.repeat(64))).toThrow('64 hex characters');
  });
});
