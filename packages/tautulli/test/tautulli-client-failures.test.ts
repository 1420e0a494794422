import { inspect } from 'node:util';
import { sampleLibrary } from '@autoalex/plex/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTautulliClient, TautulliError } from '../src/index.ts';
import { type FakeTautulli, startFakeTautulli } from '../src/testing/index.ts';

// How the Tautulli client fails: a TautulliError with a kind for a bad key, an unreachable or
// stuck server, a 5xx, a malformed answer; retried only where that helps; the key never shows.

let fake: FakeTautulli;

beforeEach(async () => {
  fake = await startFakeTautulli(sampleLibrary());
});

afterEach(async () => {
  await fake.close();
});

function client(overrides: Partial<Parameters<typeof createTautulliClient>[0]> = {}) {
  return createTautulliClient({ url: fake.url, apiKey: fake.apiKey, retries: 2, retryBaseMs: 1, ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<TautulliError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof TautulliError) return err;
    throw err;
  }
  throw new Error('expected a TautulliError');
}

function expectNoKey(err: unknown, key: string) {
  expect(String(err)).not.toContain(key);
  expect(inspect(err, { depth: 10, showHidden: true })).not.toContain(key);
  expect(JSON.stringify(err)).not.toContain(key);
}

it('a wrong API key is bad-api-key (HTTP 400), not retried, and not in the message', async () => {
  const key = 'ffffffffffffffffffffffffffffffff';
  const err = await failure(client({ apiKey: key }).users());
  expect(err).toMatchObject({ kind: 'bad-api-key', status: 400, cmd: 'get_users', attempts: 1 });
  expect(err.message).toContain('Invalid apikey');
  expect(fake.requests).toHaveLength(1);
  expectNoKey(err, key);
});

it('the API key travels in the query string, as Tautulli requires', async () => {
  await client().users();
  expect(fake.requests[0]?.query.get('apikey')).toBe(fake.apiKey);
  expect(fake.requests[0]?.query.get('cmd')).toBe('get_users');
});

describe('unreachable and slow', () => {
  it('connection refused is unreachable after retries', async () => {
    await fake.down('refused');
    const err = await failure(client().history());
    expect(err).toMatchObject({ kind: 'unreachable', code: 'ECONNREFUSED', attempts: 3 });
    expectNoKey(err, fake.apiKey);
  });

  it('dropped connections are unreachable', async () => {
    await fake.down('reset');
    expect((await failure(client({ retries: 0 }).activity())).kind).toBe('unreachable');
  });

  it('no answer within the deadline is a timeout', async () => {
    fake.hang();
    const err = await failure(client({ timeoutMs: 150, retries: 1 }).activity());
    expect(err).toMatchObject({ kind: 'timeout', attempts: 2 });
    expect(fake.requests).toHaveLength(2);
  });
});

describe('server errors', () => {
  it('a 500 then success is retried', async () => {
    fake.fail(1, 500);
    expect((await client().users()).length).toBe(3);
    expect(fake.requests).toHaveLength(2);
  });

  it('a persistent 500 is a server error after the retries', async () => {
    fake.fail();
    const err = await failure(client({ retries: 1 }).users());
    expect(err).toMatchObject({ kind: 'server', status: 500, attempts: 2 });
    expect(err.message).toContain('Check the logs for errors');
  });

  it('Tautulli failing inside get_history (HTTP 500 envelope) is a server error', async () => {
    fake.intercept(() => ({
      status: 500,
      headers: { 'Content-Type': 'application/json;charset=UTF-8' },
      body: '{"response": {"result": "error", "message": "Check the logs for errors", "data": {}}}',
    }));
    expect((await failure(client({ retries: 0 }).history())).kind).toBe('server');
  });
});

describe('malformed answers', () => {
  const cases: [string, string, number][] = [
    ['not JSON', '<html>login</html>', 200],
    ['truncated JSON', '{"response": {"result": "success", "data": [', 200],
    ['no envelope', '{"data": []}', 200],
    ['a wrong result', '{"response": {"result": "maybe", "message": null, "data": []}}', 200],
  ];
  for (const [name, body, status] of cases) {
    it(`${name} → bad-response`, async () => {
      fake.intercept(() => ({ status, headers: { 'Content-Type': 'application/json' }, body }));
      const err = await failure(client().users());
      expect(err.kind).toBe('bad-response');
      expect(fake.requests).toHaveLength(1);
    });
  }

  it('history rows of the wrong shape → bad-response naming the field', async () => {
    fake.intercept(() => ({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        response: {
          result: 'success',
          message: null,
          data: { recordsFiltered: 1, recordsTotal: 1, data: [{ row_id: 'one', user_id: 1001 }] },
        },
      }),
    }));
    const err = await failure(client().history());
    expect(err.kind).toBe('bad-response');
    expect(err.message).toMatch(/data\[0\]\.(reference_id|row_id)/);
  });

  it('an unknown command is command-failed with Tautulli’s message', async () => {
    fake.intercept(() => ({
      status: 400,
      headers: { 'Content-Type': 'application/json' },
      body: '{"response": {"result": "error", "message": "Unknown command: get_history. Possible commands are: arnold", "data": {}}}',
    }));
    const err = await failure(client().history());
    expect(err).toMatchObject({ kind: 'command-failed', status: 400 });
    expect(err.message).toContain('Unknown command');
  });
});

it('refuses a bad configuration before any request', () => {
  expect(() => createTautulliClient({ url: '::', apiKey: 'x' })).toThrow(TautulliError);
  expect(() => createTautulliClient({ url: fake.url, apiKey: '' })).toThrow(/API key/);
});
