import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForHealth } from '../src/health.ts';
import type { ServiceStatus } from '../src/supervisor.ts';

// waitForHealth against an HTTP server answering like web's /api/health.

const beating = (status: string) => ({ status, instances: 1, updatedAt: '2025-01-01T00:00:00Z', checks: {} });
const silent = { status: 'down', instances: 0, updatedAt: null, checks: {}, detail: 'no heartbeat' };

let close = () => {};
afterEach(() => close());

async function serve(answers: unknown[]): Promise<{ url: string; requests: () => number }> {
  let count = 0;
  const server = createServer((_req, res) => {
    const body = answers[Math.min(count++, answers.length - 1)];
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  close = () => server.close();
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/health`, requests: () => count };
}

const running: ServiceStatus = { state: 'running', pid: 1, crashes: 0 };

describe('waitForHealth', () => {
  it('polls until every service has a heartbeat', async () => {
    const server = await serve([
      { status: 'down', services: { web: beating('ok'), gateway: silent } },
      { status: 'ok', services: { web: beating('ok'), gateway: beating('degraded') } },
    ]);
    const health = await waitForHealth({
      url: server.url,
      names: ['web', 'gateway'],
      processes: () => ({ web: running, gateway: running }),
    });
    expect(server.requests()).toBe(2);
    expect(health.get('gateway')).toMatchObject({ status: 'degraded', reported: true });
  });

  it('does not wait for a service stopped for a configuration error', async () => {
    const server = await serve([{ status: 'down', services: { web: beating('ok'), gateway: silent } }]);
    const health = await waitForHealth({
      url: server.url,
      names: ['web', 'gateway'],
      processes: () => ({ web: running, gateway: { state: 'config-error', pid: undefined, crashes: 0 } }),
    });
    expect(server.requests()).toBe(1);
    expect(health.get('gateway')?.reported).toBe(false);
  });

  it('gives up when asked to stop, with what it saw last', async () => {
    const server = await serve([{ status: 'down', services: { web: silent } }]);
    let polls = 0;
    const health = await waitForHealth({
      url: server.url,
      names: ['web'],
      processes: () => ({ web: running }),
      stopIf: () => (++polls > 2 ? 'stopping' : undefined),
    });
    expect(health.get('web')).toMatchObject({ status: 'down', reported: false });
  });
});
