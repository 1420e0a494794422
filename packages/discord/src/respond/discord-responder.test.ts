import { DiscordAPIError, type REST, type RequestData } from '@discordjs/rest';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { createDiscordResponder, type DiscordTarget } from './discord-responder.ts';

// The responder's decisions with a recording stand-in for the REST client; the wire itself is
// tested against the fake Discord in test/discord-responder.test.ts.

interface Call {
  method: string;
  route: string;
  options: RequestData;
}

function stubRest(answer: (call: Call) => unknown) {
  const calls: Call[] = [];
  const handle =
    (method: string) =>
    async (route: string, options: RequestData = {}) => {
      const call = { method, route, options };
      calls.push(call);
      const result = answer(call);
      if (result instanceof Error) throw result;
      return result;
    };
  const rest = { post: handle('POST'), patch: handle('PATCH'), delete: handle('DELETE') } as unknown as REST;
  return { rest, calls };
}

function apiError(code: number, status: number, message: string): DiscordAPIError {
  return new DiscordAPIError(
    { code, message },
    code,
    status,
    'PATCH',
    'https://discord.test/api/v10/webhooks/1/secret-token/messages/@original',
    {},
  );
}

const target: DiscordTarget = {
  applicationId: '1300000000000000001',
  interactionToken: 'secret-token',
  channelId: '1300000000000000002',
  attachmentSizeLimit: 1000,
  tokenExpiresAt: Date.now() + 15 * 60_000,
};

describe('createDiscordResponder', () => {
  it('falls back to a channel message when an edit answers 10062 Unknown interaction', async () => {
    const { rest, calls } = stubRest((call) =>
      call.route.startsWith('/webhooks/')
        ? apiError(10062, 404, 'Unknown interaction')
        : { id: '1300000000000000009', channel_id: target.channelId },
    );
    const responder = createDiscordResponder({ rest, target });
    const sent = await responder.editOriginal({ content: 'late' });
    expect(sent).toEqual({ id: '1300000000000000009', channelId: target.channelId });
    expect(calls.map((c) => `${c.method} ${c.route}`)).toEqual([
      `PATCH /webhooks/${target.applicationId}/secret-token/messages/%40original`,
      `POST /channels/${target.channelId}/messages`,
    ]);
    expect(calls[1]!.options.auth).toBeUndefined(); // the bot token
    expect(calls[0]!.options.auth).toBe(false);
  });

  it('does not fall back for other errors, and never shows the token in the error', async () => {
    const { rest } = stubRest(() => apiError(50035, 400, 'Invalid Form Body'));
    const responder = createDiscordResponder({ rest, target });
    const failure = (await responder.followUp({ content: 'x' }).catch((err: unknown) => err)) as Error;
    expect(failure.message).toMatch(/^follow-up: Discord answered 400 \(code 50035\): Invalid Form Body/);
    expect(failure.message).not.toContain('secret-token');
  });

  it('sends an HTTP interaction initial response through the sink, as JSON', async () => {
    const sent: APIInteractionResponse[] = [];
    const { rest, calls } = stubRest(() => ({}));
    const responder = createDiscordResponder({
      rest,
      target,
      interactionId: '1300000000000000003',
      initial: { send: async (body) => void sent.push(body) },
    });
    await responder.reply({ content: 'hi', ephemeral: true });
    expect(sent).toEqual([{ type: 4, data: { content: 'hi', allowed_mentions: { parse: [] }, flags: 64 } }]);
    expect(calls).toEqual([]);
  });

  it('sends files of an HTTP interaction as a deferral through the sink, then an edit with the files', async () => {
    const sent: APIInteractionResponse[] = [];
    const { rest, calls } = stubRest(() => ({ id: '1300000000000000010', channel_id: target.channelId }));
    const responder = createDiscordResponder({
      rest,
      target,
      interactionId: '1300000000000000003',
      initial: { send: async (body) => void sent.push(body) },
    });
    await responder.reply({ content: 'file', ephemeral: true, files: [{ name: 'a.txt', data: new Uint8Array(2) }] });
    expect(sent).toEqual([{ type: 5, data: { flags: 64 } }]);
    expect(calls.map((c) => `${c.method} ${c.route}`)).toEqual([
      `PATCH /webhooks/${target.applicationId}/secret-token/messages/%40original`,
    ]);
    expect(calls[0]!.options.files).toEqual([{ key: 'files[0]', name: 'a.txt', data: new Uint8Array(2) }]);

    const update = createDiscordResponder({
      rest,
      target,
      interactionId: '1300000000000000004',
      initial: { send: async (body) => void sent.push(body) },
    });
    await update.update({ content: 'with file', files: [{ name: 'b.txt', data: new Uint8Array(1) }] });
    expect(sent.at(-1)).toEqual({ type: 6 });
  });

  it('uses the channel straight away once the token is past its expiry', async () => {
    const { rest, calls } = stubRest(() => ({ id: '1300000000000000011', channel_id: target.channelId }));
    const responder = createDiscordResponder({
      rest,
      target: { ...target, messageId: '1300000000000000012' },
      now: () => target.tokenExpiresAt,
    });
    await responder.editOriginal({ content: 'edited in place' });
    expect(calls.map((c) => `${c.method} ${c.route}`)).toEqual([
      `PATCH /channels/${target.channelId}/messages/1300000000000000012`,
    ]);
  });
});
