import type { ServerResponse } from 'node:http';
import { type FakeServer, type RecordedRequest, startFakeServer } from '@autoalex/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogue, commandsFor, DeployError, deployCommands } from '../src/index.ts';
import { formatErrors, requestBodyValidator } from './support/discord-spec.ts';

const applicationId = '1234567890123456789';
const guildId = '987654321098765432';
// Shaped like a bot token, made up for the test.
const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GabcDe.fake-token-for-tests-only_0123456789abcdef';

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Answers a bulk overwrite as Discord does: the commands back, each with an id and a version. */
function discordLike(req: RecordedRequest, res: ServerResponse): void {
  const sent = JSON.parse(req.body.toString('utf8')) as { name: string }[];
  json(
    res,
    200,
    sent.map((c, i) => ({ ...c, id: `11${String(i).padStart(17, '0')}`, application_id: applicationId, version: '1' })),
  );
}

async function start(handler: (req: RecordedRequest, res: ServerResponse) => void): Promise<string> {
  server = await startFakeServer(handler);
  return `${server.url}/api`;
}

async function deployError(promise: Promise<unknown>): Promise<DeployError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DeployError)) throw new Error(`expected a DeployError, got ${String(error)}`);
  expect(error.message).not.toContain(token);
  return error;
}

describe('deployCommands', () => {
  it('PUTs the catalogue to the guild route with the bot token', async () => {
    const apiUrl = await start(discordLike);
    const result = await deployCommands({ apiUrl, applicationId, guildId, token });

    expect(server?.requests).toHaveLength(1);
    const [request] = server?.requests ?? [];
    expect(request?.method).toBe('PUT');
    expect(request?.path).toBe(`/api/v10/applications/${applicationId}/guilds/${guildId}/commands`);
    expect(request?.headers.authorization).toBe(`Bot ${token}`);
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['user-agent']).toMatch(/^DiscordBot \(/);
    const body: unknown = JSON.parse(request?.body.toString('utf8') ?? 'null');
    expect(body).toEqual(catalogue.map((c) => c.data));

    const validate = requestBodyValidator('PUT', '/applications/{application_id}/guilds/{guild_id}/commands', {
      closed: true,
    });
    expect(validate(body) ? [] : formatErrors(validate.errors)).toEqual([]);

    expect(result.scope).toBe('guild');
    expect(result.route).toBe(`/applications/${applicationId}/guilds/${guildId}/commands`);
    expect(result.commands.map((c) => c.name)).toEqual(catalogue.map((c) => c.name));
    expect(result.commands.every((c) => /^\d+$/.test(c.id))).toBe(true);
  });

  it('PUTs globally without a guild, and only the chosen commands', async () => {
    const apiUrl = await start(discordLike);
    const commands = commandsFor('library');
    const result = await deployCommands({ apiUrl: `${apiUrl}/v10/`, applicationId, token, commands });
    const [request] = server?.requests ?? [];
    expect(request?.path).toBe(`/api/v10/applications/${applicationId}/commands`);
    expect(JSON.parse(request?.body.toString('utf8') ?? 'null')).toEqual(commands.map((c) => c.data));
    expect(result).toMatchObject({ scope: 'global', route: `/applications/${applicationId}/commands` });
  });

  it('surfaces retry_after on 429', async () => {
    const apiUrl = await start((_, res) =>
      json(
        res,
        429,
        { message: 'You are being rate limited.', retry_after: 12.5, global: false },
        { 'retry-after': '13', 'x-ratelimit-scope': 'user' },
      ),
    );
    const error = await deployError(deployCommands({ apiUrl, applicationId, guildId, token }));
    expect(error.reason).toBe('rate-limited');
    expect(error.status).toBe(429);
    expect(error.retryAfter).toBe(12.5);
    expect(error.message).toContain('retry after 12.5 s');
  });

  it('falls back to the Retry-After header when the 429 body has no retry_after', async () => {
    const apiUrl = await start((_, res) => {
      res.writeHead(429, { 'retry-after': '7', 'x-ratelimit-global': 'true' });
      res.end('slow down');
    });
    const error = await deployError(deployCommands({ apiUrl, applicationId, token }));
    expect(error).toMatchObject({ reason: 'rate-limited', retryAfter: 7 });
    expect(error.message).toContain('globally rate-limited');
  });

  it('says the token is wrong on 401', async () => {
    const apiUrl = await start((_, res) => json(res, 401, { message: '401: Unauthorized', code: 0 }));
    const error = await deployError(deployCommands({ apiUrl, applicationId, guildId, token }));
    expect(error).toMatchObject({ reason: 'unauthorized', status: 401, code: 0 });
    expect(error.message).toContain('check DISCORD_TOKEN');
  });

  it("lists Discord's field errors on 400, by command name", async () => {
    const apiUrl = await start((_, res) =>
      json(res, 400, {
        code: 50035,
        message: 'Invalid Form Body',
        errors: {
          '0': {
            options: {
              '1': {
                name: { _errors: [{ code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' }] },
              },
            },
          },
          '3': {
            description: {
              _errors: [{ code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' }],
            },
          },
        },
      }),
    );
    const error = await deployError(deployCommands({ apiUrl, applicationId, guildId, token }));
    expect(error).toMatchObject({ reason: 'rejected', status: 400, code: 50035 });
    expect(error.problems).toEqual([
      `/${catalogue[0].name} options.1.name: Command name is invalid (APPLICATION_COMMAND_INVALID_NAME)`,
      `/${catalogue[3].name} description: Must be between 1 and 100 in length. (BASE_TYPE_BAD_LENGTH)`,
    ]);
    expect(error.message).toContain('Invalid Form Body');
    expect(error.message).toContain('Command name is invalid');
  });

  it('explains 403 Missing Access', async () => {
    const apiUrl = await start((_, res) => json(res, 403, { message: 'Missing Access', code: 50001 }));
    const error = await deployError(deployCommands({ apiUrl, applicationId, guildId, token }));
    expect(error).toMatchObject({ reason: 'forbidden', code: 50001 });
    expect(error.message).toContain(`guild ${guildId}`);
    expect(error.message).toContain('applications.commands');
  });

  it('reports a server error that is not JSON', async () => {
    const apiUrl = await start((_, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad Gateway</html>');
    });
    const error = await deployError(deployCommands({ apiUrl, applicationId, token }));
    expect(error).toMatchObject({ reason: 'discord-error', status: 502 });
    expect(error.message).toContain('Bad Gateway');
  });

  it('reports a 200 whose body is not a command list', async () => {
    const apiUrl = await start((_, res) => json(res, 200, { nope: true }));
    const error = await deployError(deployCommands({ apiUrl, applicationId, token }));
    expect(error.reason).toBe('discord-error');
  });

  it('reports an unreachable Discord', async () => {
    const apiUrl = await start(discordLike);
    await server?.close();
    server = undefined;
    const error = await deployError(deployCommands({ apiUrl, applicationId, token }));
    expect(error.reason).toBe('unreachable');
    expect(error.message).toContain('could not reach Discord at http://127.0.0.1:');
  });

  it('refuses bad input before sending anything', async () => {
    const apiUrl = await start(discordLike);
    const bad = { ...catalogue[0], data: { ...catalogue[0].data, name: 'Bad Name' } };
    const cases = [
      deployCommands({ apiUrl, applicationId: 'my-app', token }),
      deployCommands({ apiUrl, applicationId, guildId: '12 34', token }),
      deployCommands({ apiUrl, applicationId, token: ' ' }),
      deployCommands({ apiUrl, applicationId, token, commands: [bad] }),
    ];
    const errors = await Promise.all(cases.map(deployError));
    expect(errors.map((e) => e.reason)).toEqual(['invalid', 'invalid', 'invalid', 'invalid']);
    expect(errors[3]?.problems).toEqual(["/Bad Name: name must be 1–32 letters, digits, - _ or ' (no spaces)"]);
    expect(server?.requests).toHaveLength(0);
  });

  it('works with any fetch-like function', async () => {
    const calls: { url: string; method: string }[] = [];
    const result = await deployCommands({
      applicationId,
      token,
      commands: commandsFor('studio'),
      fetch: async (url, init) => {
        calls.push({ url, method: init.method });
        return { status: 200, headers: new Headers(), text: async () => '[{"id":"1","name":"stop"}]' };
      },
    });
    expect(calls).toEqual([
      { url: `https://discord.com/api/v10/applications/${applicationId}/commands`, method: 'PUT' },
    ]);
    expect(result.commands).toEqual([{ id: '1', name: 'stop' }]);
  });
});
