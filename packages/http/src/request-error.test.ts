import { createServer } from 'node:net';
import axios, { AxiosError } from 'axios';
import { describe, expect, it } from 'vitest';
import { classifyRequestError } from './request-error.ts';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('classifyRequestError', () => {
  it('a refused connection from a real request is a connection failure with its code', async () => {
    const err = await axios.get(`http://127.0.0.1:${await closedPort()}/`).catch((e: unknown) => e);
    expect(classifyRequestError(err)).toEqual({ kind: 'connection', code: 'ECONNREFUSED' });
  });

  it('sorts timeouts, an answer over maxContentLength, broken connections and the rest', () => {
    expect(classifyRequestError(new AxiosError('timeout of 10ms exceeded', 'ETIMEDOUT'))).toEqual({
      kind: 'timeout',
      code: 'ETIMEDOUT',
    });
    expect(classifyRequestError(Object.assign(new Error('socket timed out'), { code: 'ESOCKETTIMEDOUT' }))).toEqual({
      kind: 'timeout',
      code: 'ESOCKETTIMEDOUT',
    });
    expect(classifyRequestError(new AxiosError('maxContentLength size of 10 exceeded', 'ERR_BAD_RESPONSE'))).toEqual({
      kind: 'too-large',
      code: 'ERR_BAD_RESPONSE',
    });
    expect(classifyRequestError(new AxiosError('Request failed', 'ERR_BAD_RESPONSE'))).toEqual({
      kind: 'other',
      code: 'ERR_BAD_RESPONSE',
    });
    expect(classifyRequestError(Object.assign(new Error('closed'), { code: 'ERR_SOCKET_CLOSED' }))).toEqual({
      kind: 'connection',
      code: 'ERR_SOCKET_CLOSED',
    });
  });

  it('never passes on a code that is not a plain constant', () => {
    expect(classifyRequestError(Object.assign(new Error('x'), { code: 'token=abc123' }))).toEqual({
      kind: 'other',
      code: 'unknown',
    });
    expect(classifyRequestError(new Error('no code'))).toEqual({ kind: 'other', code: 'unknown' });
    expect(classifyRequestError('a string')).toEqual({ kind: 'other', code: 'unknown' });
    expect(classifyRequestError(null)).toEqual({ kind: 'other', code: 'unknown' });
  });
});
