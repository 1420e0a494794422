import { describe, expect, it } from 'vitest';
import { redact } from './redact.ts';

describe('redact', () => {
  it('hides URL credentials, tokens in query strings and headers, and known secrets', () => {
    const line =
      'GET http://plex:32400/library?X-Plex-Token=abcdef123 apikey=zzz999 postgres://user:pw@db/x Authorization: Bearer sk-1 mysecretvalue';
    const out = redact(line, ['mysecretvalue']);
    expect(out).not.toMatch(/abcdef123|zzz999|:pw@|sk-1|mysecretvalue/);
    expect(out).toContain('postgres://user:[redacted]@db/x');
  });
});
