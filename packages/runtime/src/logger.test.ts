import { Writable } from 'node:stream';
import { core, database, redis, secret } from '@autoalex/config';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger, withCorrelation } from './logger.ts';
import { redactLine } from './redact-line.ts';
import { secretValues } from './secrets.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { destination, lines, output: () => lines.join('') };
}

describe('createLogger', () => {
  it('writes JSON lines stamped with service and instance', () => {
    const out = capture();
    const logger = createLogger({ service: 'gateway', instance: 'box-1', level: 'info', destination: out.destination });
    logger.info({ guildId: '123' }, 'hello');
    logger.debug('not at info level');
    expect(out.lines).toHaveLength(1);
    expect(JSON.parse(out.lines[0]!)).toMatchObject({
      level: 'info',
      service: 'gateway',
      instance: 'box-1',
      guildId: '123',
      msg: 'hello',
    });
  });

  it('adds a correlation id to every line of a child logger', () => {
    const out = capture();
    const logger = createLogger({ service: 'interactions', level: 'info', destination: out.destination });
    withCorrelation(logger, 'corr-1', { job: 'remix' }).info('job started');
    withCorrelation(logger).info('generated');
    const [given, generated] = out.lines.map((line) => JSON.parse(line));
    expect(given).toMatchObject({ correlationId: 'corr-1', job: 'remix' });
    expect(generated.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never writes a secret, wherever it appears', () => {
    const knownSecret = 'Nz1.discord-bot-token.xYz-123456789';
    const out = capture();
    const logger = createLogger({
      service: 'gateway',
      level: 'trace',
      secrets: [knownSecret],
      destination: out.destination,
    });
    // Secret-named fields, at the top and one level down, and auth headers.
    logger.info(
      {
        token: 'tok-AAAA1111',
        apiKey: 'key-BBBB2222',
        password: 'pw-CCCC3333',
        user: { accessToken: 'acc-DDDD4444', refreshToken: 'ref-EEEE5555', clientSecret: 'cs-FFFF6666' },
        headers: { authorization: 'Bearer hdr-GGGG7777', 'x-plex-token': 'plex-HHHH8888' },
        request: { headers: { authorization: 'Bot hdr-IIII9999', cookie: 'session=ck-JJJJ0000' } },
      },
      'structured',
    );
    // Credentials in message strings and in URLs inside fields.
    logger.warn('GET /library?X-Plex-Token=msg-KKKK1111 apikey=msg-LLLL2222 Authorization: Bearer msg-MMMM3333');
    logger.error({ url: 'postgres://autoalex:url-NNNN4444@db:5432/autoalex' }, 'cannot connect');
    // A configured secret value in any field, nested deep, inside an error, or in the message.
    logger.info({ deep: { deeper: { whatever: `prefix ${knownSecret} suffix` } } }, `value ${knownSecret}`);
    logger.error({ err: new Error(`login failed for ${knownSecret}`) }, 'discord login failed');
    withCorrelation(logger, 'c-1', { token: 'child-OOOO5555' }).info('child binding');

    const text = out.output();
    for (const leaked of [
      'tok-AAAA1111',
      'key-BBBB2222',
      'pw-CCCC3333',
      'acc-DDDD4444',
      'ref-EEEE5555',
      'cs-FFFF6666',
      'hdr-GGGG7777',
      'plex-HHHH8888',
      'hdr-IIII9999',
      'ck-JJJJ0000',
      'msg-KKKK1111',
      'msg-LLLL2222',
      'msg-MMMM3333',
      'url-NNNN4444',
      'child-OOOO5555',
      knownSecret,
    ]) {
      expect(text, `${leaked} leaked`).not.toContain(leaked);
    }
    // Still one valid JSON object per line, with the non-secret parts intact.
    const lines = out.lines.map((line) => JSON.parse(line));
    expect(lines).toHaveLength(6);
    expect(lines[0].token).toBe('[redacted]');
    expect(lines[0].headers.authorization).toBe('[redacted]');
    expect(lines[2].url).toBe('postgres://autoalex:[redacted]@db:5432/autoalex');
    expect(lines[3].deep.deeper.whatever).toBe('prefix [redacted] suffix');
  });
});

describe('secret query parameters, in any URL or path of any line (ADR 0228)', () => {
  it('never writes them, whichever field or message holds the URL', () => {
    const out = capture();
    const logger = createLogger({ service: 'web', level: 'info', destination: out.destination });
    logger.info(
      { req: { method: 'GET', url: '/x/../files/a.mp3?expires=1800000000&signature=SIG-AAAA1111' } },
      'incoming request',
    );
    logger.info('Route GET:/anything?signature=SIG-BBBB2222 not found');
    logger.info({ url: '/files/..%2f?token=TOK-CCCC3333' }, 'request');
    logger.warn(
      { err: new Error('GET https://plex:32400/library?key=5&X-Plex-Token=PLX-DDDD4444 failed') },
      'upstream',
    );
    logger.info({ path: '/callback?code=CODE-EEEE5555&state=STATE-FFFF6666' }, 'oauth');
    logger.info(
      { next: 'https://a.test/x?access_token=ACC-GGGG7777&apikey=KEY-HHHH8888&client_secret=CS-IIII9999' },
      'x',
    );
    logger.info({ redirect: '/login?to=%2Fcb%3Fcode%3DCODE-JJJJ0000%26state%3DSTATE-KKKK1111' }, 'encoded');
    logger.info({ tail: 'a?password=PW-LLLL2222#frag b?sig=SIG-MMMM3333' }, 'more');

    const text = out.output();
    for (const leaked of [
      'SIG-AAAA1111',
      'SIG-BBBB2222',
      'TOK-CCCC3333',
      'PLX-DDDD4444',
      'CODE-EEEE5555',
      'STATE-FFFF6666',
      'ACC-GGGG7777',
      'KEY-HHHH8888',
      'CS-IIII9999',
      'CODE-JJJJ0000',
      'STATE-KKKK1111',
      'PW-LLLL2222',
      'SIG-MMMM3333',
    ]) {
      expect(text, `${leaked} leaked`).not.toContain(leaked);
    }
    const lines = out.lines.map((line) => JSON.parse(line));
    // What is not a secret stays for diagnosis: the path, the expiry, Plex's rating key.
    expect(lines[0].req.url).toBe('/x/../files/a.mp3?expires=1800000000&signature=[redacted]');
    expect(lines[1].msg).toBe('Route GET:/anything?signature=[redacted] not found');
    expect(lines[3].err.message).toBe('GET https://plex:32400/library?key=5&X-Plex-Token=[redacted] failed');
  });

  it('leaves look-alike names alone', () => {
    const line = JSON.stringify({ url: '/stream?codec=flac&statement=1&keyword=jazz&key=/library/metadata/5' });
    expect(redactLine(line, [])).toBe(line);
  });
});

describe('redactLine', () => {
  it('keeps JSON intact next to a URL without credentials and an email address', () => {
    const line = JSON.stringify({ url: 'http://plex:32400/identity', contact: 'me@example.com' });
    expect(JSON.parse(redactLine(line, []))).toEqual({ url: 'http://plex:32400/identity', contact: 'me@example.com' });
  });

  it('matches secrets in their JSON-escaped form', () => {
    const value = 'quote"back\\slash-secret';
    const line = JSON.stringify({ v: `x ${value} y` });
    expect(JSON.parse(redactLine(line, [value]))).toEqual({ v: 'x [redacted] y' });
  });
});

describe('secretValues', () => {
  it('collects the values of the variables marked secret', () => {
    const shape = { ...core, ...database, ...redis, EXTRA_KEY: secret(z.string().optional()) };
    const values = secretValues(shape, {
      DATABASE_URL: 'postgres://u:p@db/x',
      REDIS_URL: 'redis://r:6379',
      QUEUE_PREFIX: 'autoalex',
      LOG_LEVEL: 'info',
      EXTRA_KEY: undefined,
    });
    expect(values.sort()).toEqual(['postgres://u:p@db/x', 'redis://r:6379']);
  });
});
