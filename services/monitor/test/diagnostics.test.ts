import { createDockerClient } from '@autoalex/docker';
import { dockerTime, type FakeDockerContainerInput, startFakeDocker } from '@autoalex/docker/testing';
import { describe, expect, it } from 'vitest';
import { captureDiagnostics } from '../src/diagnostics.ts';

// What the alert shows of Plex's container, read from the fake Docker Engine.

const NOW = new Date('2026-11-21T09:01:00Z');

async function capture(container: Omit<FakeDockerContainerInput, 'name'>) {
  const docker = await startFakeDocker({ containers: [{ name: 'binhex-plexpass', ...container }] });
  try {
    const settings = { tailLines: 10, timeoutMs: 5000, secrets: [] };
    return await captureDiagnostics(createDockerClient(docker.dockerHost), 'binhex-plexpass', settings, () => NOW);
  } finally {
    await docker.close();
  }
}

describe('captureDiagnostics', () => {
  it('titles a crash-looping container restarting, with its restarts and last exit, though read while it runs', async () => {
    // Between two restarts: running again for a second, exited two seconds ago (exit code reset to 0).
    const diagnostics = await capture({
      status: 'running',
      restartCount: 5,
      startedAt: dockerTime(NOW.getTime() - 1000),
      finishedAt: dockerTime(NOW.getTime() - 2000),
      logs: ['Critical: libusb_init failed'],
    });
    expect(diagnostics.title).toBe('binhex-plexpass: restarting (5 restarts, last exit at 2026-11-21 09:00:58 UTC)');
    expect(diagnostics.state).toMatchObject({ status: 'running', restartCount: 5 });
    expect(diagnostics.summary).toContain('**Restarts:** 5');
  });

  it('titles a container caught restarting with the exit code of its last run', async () => {
    const diagnostics = await capture({ status: 'restarting', exitCode: 137, oomKilled: true, restartCount: 12 });
    expect(diagnostics.title).toBe('binhex-plexpass: restarting (12 restarts, last exit 137, OOM killed)');
  });

  it('keeps `running` for a container that restarted long ago and has run since', async () => {
    const diagnostics = await capture({
      status: 'running',
      restartCount: 1,
      finishedAt: dockerTime(Date.parse('2026-11-20T09:00:00Z')),
    });
    expect(diagnostics.title).toBe('binhex-plexpass: running');
  });
});
