import { describe, expect, it } from 'vitest';
import { localLinkUrl, MAX_LINK_SECONDS, signLocalLink, verifyLocalLink } from './local-link.ts';

const secret = 'a-test-secret-of-enough-length';
const now = Date.UTC(2026, 0, 1, 12, 0, 0);

function parts(url: string) {
  const parsed = new URL(url);
  return {
    parsed,
    key: parsed.pathname.replace(/^.*?\/files\//, ''),
    expires: parsed.searchParams.get('expires'),
    signature: parsed.searchParams.get('signature'),
  };
}

describe('local blob links', () => {
  it('builds PUBLIC_URL/files/<key>?expires=…&signature=…, keeping a path prefix', () => {
    const url = localLinkUrl('https://alex.example.org/app/', secret, 'songs/a.mp3', 600, now);
    const { parsed, expires, signature } = parts(url);
    expect(parsed.origin + parsed.pathname).toBe('https://alex.example.org/app/files/songs/a.mp3');
    expect(expires).toBe(String(now / 1000 + 600));
    expect(signature).toBe(signLocalLink(secret, 'songs/a.mp3', now / 1000 + 600));
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('verifies a fresh link until the second it expires', () => {
    const { key, expires, signature } = parts(localLinkUrl('http://localhost:8080', secret, 'songs/a.mp3', 600, now));
    expect(verifyLocalLink(secret, key, expires, signature, now)).toEqual({ ok: true });
    expect(verifyLocalLink(secret, key, Number(expires), signature, new Date(now + 599_999))).toEqual({ ok: true });
    expect(verifyLocalLink(secret, key, expires, signature, now + 600_000)).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects a changed key, expiry, signature or secret', () => {
    const { key, expires, signature } = parts(localLinkUrl('http://localhost:8080', secret, 'songs/a.mp3', 600, now));
    const bad = { ok: false, reason: 'bad-signature' };
    expect(verifyLocalLink(secret, 'songs/b.mp3', expires, signature, now)).toEqual(bad);
    expect(verifyLocalLink(secret, key, String(Number(expires) + 1), signature, now)).toEqual(bad);
    const flipped = `${signature!.slice(0, 10)}${signature![10] === 'x' ? 'y' : 'x'}${signature!.slice(11)}`;
    expect(verifyLocalLink(secret, key, expires, flipped, now)).toEqual(bad);
    expect(verifyLocalLink(`${secret}!`, key, expires, signature, now)).toEqual(bad);
  });

  it('rejects malformed input without throwing', () => {
    const { key, expires, signature } = parts(localLinkUrl('http://localhost:8080', secret, 'songs/a.mp3', 600, now));
    const malformed = { ok: false, reason: 'malformed' };
    expect(verifyLocalLink(secret, key, null, signature, now)).toEqual(malformed);
    expect(verifyLocalLink(secret, key, `0${expires}`, signature, now)).toEqual(malformed);
    expect(verifyLocalLink(secret, key, '-5', signature, now)).toEqual(malformed);
    expect(verifyLocalLink(secret, key, '1e9', signature, now)).toEqual(malformed);
    expect(verifyLocalLink(secret, key, expires, undefined, now)).toEqual(malformed);
    expect(verifyLocalLink(secret, key, expires, `${signature}=`, now)).toEqual(malformed);
    expect(verifyLocalLink(secret, key, expires, 'ü'.repeat(43), now)).toEqual(malformed);
    expect(verifyLocalLink(secret, '../etc/passwd', expires, signature, now)).toEqual({
      ok: false,
      reason: 'invalid-key',
    });
  });

  it('caps lifetimes at 7 days', () => {
    expect(MAX_LINK_SECONDS).toBe(604_800);
  });
});
