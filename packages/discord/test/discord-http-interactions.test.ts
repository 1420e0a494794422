import { createPublicKey, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeDiscord,
  generateInteractionKeys,
  signedInteractionHeaders,
  signInteraction,
  startFakeDiscord,
} from '../src/testing/index.ts';

// HTTP interactions as Discord sends them: signed POSTs to an endpoint, whose HTTP answer is the callback.

let clock = Date.now();
let fake: FakeDiscord;
let endpoint: {
  url: string;
  answer: (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;
  close(): Promise<void>;
};

/** Verifies like an endpoint must: Ed25519 over timestamp + raw body with the raw public key. */
function verifies(publicKeyHex: string, timestamp: string, body: Buffer, signature: string): boolean {
  const der = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(publicKeyHex, 'hex')]);
  const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
  return verify(null, Buffer.concat([Buffer.from(timestamp), body]), key, Buffer.from(signature, 'hex'));
}

beforeAll(async () => {
  fake = await startFakeDiscord({ now: () => clock });
  const state = {
    answer: (_req: IncomingMessage, _body: Buffer, res: ServerResponse) => res.end(),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => state.answer(req, Buffer.concat(chunks), res));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  endpoint = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/interactions`,
    set answer(fn) {
      state.answer = fn;
    },
    get answer() {
      return state.answer;
    },
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
});

afterAll(async () => {
  await endpoint?.close();
  await fake?.close();
});

function json(res: ServerResponse, body: unknown): void {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

describe('signing helpers', () => {
  it('signs timestamp + body so that a raw-key Ed25519 check accepts it, and nothing else', () => {
    const keys = generateInteractionKeys();
    expect(keys.publicKey).toMatch(/^[0-9a-f]{64}$/);
    const body = '{"type":1}';
    const signature = signInteraction(keys.privateKey, body, 1_700_000_000);
    expect(signature).toMatch(/^[0-9a-f]{128}$/);
    expect(verifies(keys.publicKey, '1700000000', Buffer.from(body), signature)).toBe(true);
    expect(verifies(keys.publicKey, '1700000001', Buffer.from(body), signature)).toBe(false);
    expect(verifies(keys.publicKey, '1700000000', Buffer.from('{"type":2}'), signature)).toBe(false);
    expect(verifies(generateInteractionKeys().publicKey, '1700000000', Buffer.from(body), signature)).toBe(false);
    expect(signedInteractionHeaders(keys.privateKey, body, 1_700_000_000)).toEqual({
      'content-type': 'application/json',
      'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)',
      'x-signature-ed25519': signature,
      'x-signature-timestamp': '1700000000',
    });
  });
});

describe('fake Discord: sendHttpInteraction', () => {
  it('POSTs a signed interaction and records a JSON answer as its callback', async () => {
    let seen: { headers: IncomingMessage['headers']; body: Buffer } | undefined;
    endpoint.answer = (req, body, res) => {
      seen = { headers: req.headers, body };
      json(res, { type: 4, data: { content: 'pong' } });
    };
    const sent = await fake.sendHttpInteraction(endpoint.url, { data: { name: 'help' } });
    expect(seen).toBeDefined();
    const { headers, body } = seen!;
    expect(JSON.parse(body.toString())).toEqual(sent.payload);
    expect(
      verifies(
        fake.interactionsPublicKey,
        String(headers['x-signature-timestamp']),
        body,
        String(headers['x-signature-ed25519']),
      ),
    ).toBe(true);
    expect(sent).toMatchObject({ status: 200, body: { type: 4, data: { content: 'pong' } }, callbackStatus: 204 });
    expect((await sent.waitForCallback()).type).toBe(4);
    expect(sent.messages().map((m) => m.content)).toEqual(['pong']);
    expect(fake.gatewaySends).toEqual([]);
  });

  it('lets the endpoint defer and edit @original through the interaction webhook', async () => {
    endpoint.answer = (_req, _body, res) => json(res, { type: 5, data: { flags: 64 } });
    const sent = await fake.sendHttpInteraction(endpoint.url, { data: { name: 'help' } });
    expect(sent.callbackStatus).toBe(204);
    const edit = await fetch(
      `${fake.restOptions.api}/v10/webhooks/${fake.applicationId}/${sent.token}/messages/@original`,
      {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'done' }),
      },
    );
    expect(edit.status).toBe(200);
    expect(sent.messages()).toMatchObject([{ content: 'done', flags: 64 }]);
  });

  it('counts an answer after 3 s as no answer (10062) and refuses bodies Discord would refuse', async () => {
    endpoint.answer = (_req, _body, res) => {
      clock += 3001;
      json(res, { type: 5 });
    };
    const late = await fake.sendHttpInteraction(endpoint.url, { data: { name: 'help' } });
    expect(late.callbackStatus).toBe(404);

    endpoint.answer = (_req, _body, res) => json(res, { type: 4, data: { content: 'x'.repeat(2001) } });
    const before = fake.violations.length;
    const invalid = await fake.sendHttpInteraction(endpoint.url, { data: { name: 'help' } });
    expect(invalid.callbackStatus).toBe(400);
    expect(fake.violations.length).toBe(before + 1);
  });

  it('reports a 401 from an endpoint that refuses the signature, and signs with a given key and timestamp', async () => {
    const other = generateInteractionKeys();
    endpoint.answer = (req, body, res) => {
      const ok = verifies(
        fake.interactionsPublicKey,
        String(req.headers['x-signature-timestamp']),
        body,
        String(req.headers['x-signature-ed25519']),
      );
      res.statusCode = ok ? 200 : 401;
      if (ok) json(res, { type: 5 });
      else res.end('invalid request signature');
    };
    const refused = await fake.sendHttpInteraction(endpoint.url, {}, { privateKey: other.privateKey, timestamp: 1 });
    expect(refused).toMatchObject({ status: 401, callbackStatus: undefined, text: 'invalid request signature' });
    expect(refused.messages()).toEqual([]);
  });
});
