import { describe, expect, it } from 'vitest';
import { formatRows, integrationRows } from './summary.ts';

const facts = { root: '/repo', dataDir: '/repo/data', dockerSocket: false };

describe('integrationRows', () => {
  it('says what is off when nothing is configured', () => {
    const rows = Object.fromEntries(integrationRows({}, facts));
    expect(rows.Discord).toBe('not configured (DISCORD_TOKEN) — the bot stays offline, everything else runs');
    expect(rows.Plex).toMatch(/^not configured \(PLEX_URL, PLEX_TOKEN\) — /);
    expect(rows.Storage).toBe('local disk at data/blobs (S3_BUCKET unset)');
    expect(rows.Docker).toMatch(/^no socket .* container-log diagnostics are off$/);
  });

  it('counts *_FILE secrets, names what is missing, and never prints a secret value', () => {
    const env = {
      DISCORD_TOKEN_FILE: '/run/secrets/discord',
      PLEX_URL: 'http://plex:32400',
      TAUTULLI_URL: 'http://t',
      TAUTULLI_API_KEY: 'supersecretkey',
      S3_BUCKET: 'songs',
      S3_ENDPOINT: 'http://minio:9000',
      DOCKER_HOST: 'tcp://proxy:2375',
    };
    const rows = integrationRows(env, facts);
    expect(Object.fromEntries(rows)).toMatchObject({
      Discord: 'configured',
      Plex: 'partly configured: PLEX_TOKEN missing',
      Tautulli: 'configured',
      Storage: 'S3 bucket songs at minio:9000',
      Docker: 'DOCKER_HOST proxy:2375',
    });
    expect(JSON.stringify(rows)).not.toContain('supersecretkey');
  });

  it('aligns rows', () => {
    expect(
      formatRows([
        ['a', 'x'],
        ['long', 'y'],
      ]),
    ).toEqual(['  a     x', '  long  y']);
  });
});
