import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, embedOf, type Harness, must } from './helpers/harness.ts';

// Diagnostics that cannot be had are stated in the alert; the alert still goes out.

describe('monitor, no Docker socket', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({
      dockerHost: 'unix:///nonexistent/autoalex-test/docker.sock',
      env: { MONITOR_FAILURE_THRESHOLD: '1' },
    });
    await h.start();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('alerts with a field saying Docker cannot be reached and what to do', async () => {
    await h.plex.down();
    await h.checkNow();
    const messages = h.alerts();
    expect(messages).toHaveLength(1);
    const field = must(embedOf(messages[0]).fields[0], 'a diagnostics field');
    expect(field.name).toBe('Container binhex-plexpass: no diagnostics');
    expect(field.value).toBe(
      'Docker is unreachable at unix:///nonexistent/autoalex-test/docker.sock (ENOENT): mount the socket or set DOCKER_HOST to a socket proxy',
    );
    expect(messages[0]?.content ?? '').toBe('');
    const [incident] = await h.incidents();
    expect(incident?.diagnostics).toMatchObject({ outcome: 'docker-unreachable' });
    expect(h.monitor.exited).toBeDefined();
    expect(h.monitor.child.exitCode).toBeNull();
  });
});

describe('monitor, container missing', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ containers: [], env: { MONITOR_FAILURE_THRESHOLD: '1', PLEX_CONTAINER_NAME: 'plex' } });
    await h.start();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('alerts that the container was not found', async () => {
    await h.plex.down();
    await h.checkNow();
    const messages = h.alerts();
    expect(messages).toHaveLength(1);
    expect(embedOf(messages[0]).fields[0]).toEqual({
      name: 'Container plex: no diagnostics',
      value: 'container plex not found',
    });
  });
});
