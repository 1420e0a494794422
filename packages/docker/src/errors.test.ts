import { describe, expect, it } from 'vitest';
import { classifyFailure, type FailureContext } from './errors.ts';

const unix: FailureContext = {
  dockerHost: 'unix:///var/run/docker.sock',
  target: { kind: 'unix', socketPath: '/var/run/docker.sock' },
  container: 'binhex-plexpass',
  request: 'GET /containers/binhex-plexpass/json',
  timeoutMs: 5000,
  timedOut: false,
};
const proxy: FailureContext = {
  ...unix,
  dockerHost: 'tcp://docker-proxy:2375',
  target: { kind: 'http', protocol: 'http', host: 'docker-proxy', port: 2375 },
};

const sysError = (code: string) => Object.assign(new Error(`connect ${code}`), { code, syscall: 'connect' });
const httpError = (statusCode: number, message: string, json: unknown = null) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message} `), { statusCode, json });

describe('classifyFailure', () => {
  it('tells a dead daemon behind an existing socket from a missing socket', () => {
    expect(classifyFailure(sysError('ECONNREFUSED'), unix)).toEqual({
      reason: 'docker-unreachable',
      message:
        'Docker is unreachable at unix:///var/run/docker.sock (ECONNREFUSED): the socket exists but no Docker daemon is listening on it',
    });
    expect(classifyFailure(sysError('ENOENT'), unix).message).toBe(
      'Docker is unreachable at unix:///var/run/docker.sock (ENOENT): mount the socket or set DOCKER_HOST to a socket proxy',
    );
  });

  it('points at the network when the proxy host does not resolve', () => {
    expect(classifyFailure(sysError('ENOTFOUND'), proxy)).toEqual({
      reason: 'docker-unreachable',
      message:
        "Docker is unreachable at tcp://docker-proxy:2375 (ENOTFOUND): host docker-proxy not found; is the monitor on the socket proxy's network?",
    });
  });

  it('reads EACCES and EPERM as permission problems', () => {
    for (const code of ['EACCES', 'EPERM']) {
      expect(classifyFailure(sysError(code), unix)).toMatchObject({
        reason: 'permission-denied',
        message: expect.stringMatching(new RegExp(`^permission denied on /var/run/docker.sock \\(${code}\\)`)),
      });
    }
  });

  it('says timeout whenever the deadline fired, whatever the library made of it', () => {
    expect(classifyFailure(sysError('ECONNRESET'), { ...unix, timedOut: true })).toEqual({
      reason: 'timeout',
      message:
        'Docker at unix:///var/run/docker.sock did not answer GET /containers/binhex-plexpass/json within 5000 ms',
    });
    expect(classifyFailure(Object.assign(new Error('aborted'), { name: 'AbortError' }), unix).reason).toBe('timeout');
  });

  it('maps HTTP answers: 404 container, 401/403 refused, other 404s and 5xx bad responses', () => {
    expect(classifyFailure(httpError(404, 'No such container: binhex-plexpass'), unix)).toEqual({
      reason: 'container-missing',
      message: 'container binhex-plexpass not found',
    });
    expect(classifyFailure(httpError(401, 'unauthorized'), proxy).reason).toBe('permission-denied');
    expect(classifyFailure(httpError(404, 'page not found', { message: 'page not found' }), proxy)).toEqual({
      reason: 'bad-response',
      message:
        'Docker at tcp://docker-proxy:2375 does not know GET /containers/binhex-plexpass/json (HTTP 404: page not found); is DOCKER_HOST a Docker Engine API?',
    });
    expect(classifyFailure(httpError(502, 'Bad Gateway'), proxy).message).toBe(
      'Docker at tcp://docker-proxy:2375 answered GET /containers/binhex-plexpass/json with HTTP 502: Bad Gateway',
    );
  });

  it('never repeats a secret a daemon or library message carries, and keeps it short', () => {
    const leaky = httpError(500, `failed pulling with password=hunter2hunter2 ${'x'.repeat(1000)}`);
    const { message } = classifyFailure(leaky, proxy);
    expect(message).not.toContain('hunter2hunter2');
    expect(message.length).toBeLessThan(450);
  });

  it('calls anything unrecognisable a bad response rather than throwing', () => {
    expect(classifyFailure('weird', unix)).toMatchObject({ reason: 'bad-response' });
    expect(classifyFailure(null, unix)).toMatchObject({ reason: 'bad-response' });
  });
});
