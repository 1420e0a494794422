import { describe, expect, it } from 'vitest';
import { describeHost, parseDockerHost } from './host.ts';

describe('parseDockerHost', () => {
  it('reads the socket and the proxy forms DOCKER_HOST takes', () => {
    expect(parseDockerHost('unix:///var/run/docker.sock')).toEqual({
      kind: 'unix',
      socketPath: '/var/run/docker.sock',
    });
    expect(parseDockerHost('tcp://docker-proxy:2375')).toEqual({
      kind: 'http',
      protocol: 'http',
      host: 'docker-proxy',
      port: 2375,
    });
    expect(parseDockerHost('tcp://docker-proxy')).toMatchObject({ port: 2375 });
    expect(parseDockerHost('http://10.0.0.5:2375')).toMatchObject({ protocol: 'http', host: '10.0.0.5', port: 2375 });
    expect(parseDockerHost('https://docker.lan')).toMatchObject({ protocol: 'https', port: 443 });
    expect(parseDockerHost('tcp://[::1]:2375')).toMatchObject({ host: '::1', port: 2375 });
  });

  it('refuses what it cannot use, with the accepted forms in the message', () => {
    expect(() => parseDockerHost('unix://relative.sock')).toThrow(/unix:\/\/\/var\/run\/docker.sock/);
    expect(() => parseDockerHost('ssh://me@host')).toThrow(
      /is not supported: use unix:\/\/\/path\/to\/docker.sock or tcp/,
    );
    expect(() => parseDockerHost('npipe:////./pipe/docker_engine')).toThrow(/not supported/);
    expect(() => parseDockerHost('tcp://host:2375/prefix')).toThrow(/must not have a path/);
    expect(() => parseDockerHost('tcp://host:notaport')).toThrow(/not a valid address/);
  });

  it('never repeats credentials from the URL', () => {
    expect(() => parseDockerHost('ssh://user:hunter22@host')).toThrow(/ssh:\/\/\[redacted\]@host/);
    expect(describeHost('https://user:pw@docker.lan:2376')).toBe('https://[redacted]@docker.lan:2376');
  });
});
