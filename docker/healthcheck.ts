// Docker HEALTHCHECK of the Autoalex image: GET /healthz of the service that SERVICE names, on the port
// that service listens on (<NAME>_PORT, else its default from the config package). Exit 0 = healthy.
// SERVICE=migrate is a one-shot with no HTTP endpoint and always counts as healthy.
import { portVariable, SERVICE_PORTS, type ServiceName } from '@autoalex/config';

const TIMEOUT_MS = 4000;

export type HealthTarget = { url: string } | { skip: string } | { error: string };

export function healthTarget(env: Record<string, string | undefined>): HealthTarget {
  const service = env.SERVICE ?? '';
  if (service === 'migrate') return { skip: 'migrate has no /healthz' };
  if (!Object.hasOwn(SERVICE_PORTS, service)) {
    return { error: `SERVICE is '${service}', expected one of ${Object.keys(SERVICE_PORTS).join(', ')}` };
  }
  const name = service as ServiceName;
  const configured = env[portVariable(name)];
  const port = configured !== undefined && configured !== '' ? configured : String(SERVICE_PORTS[name]);
  if (!/^\d{1,5}$/.test(port)) return { error: `${portVariable(name)} is '${port}', not a port number` };
  return { url: `http://127.0.0.1:${port}/healthz` };
}

async function main(): Promise<number> {
  const target = healthTarget(process.env);
  if ('skip' in target) return 0;
  if ('error' in target) {
    console.error(`healthcheck: ${target.error}`);
    return 1;
  }
  try {
    const res = await fetch(target.url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = await res.text();
    if (res.ok) return 0;
    console.error(`healthcheck: ${target.url} answered ${res.status}: ${body.slice(0, 500)}`);
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    console.error(`healthcheck: ${target.url} unreachable: ${cause ?? (err as Error).message}`);
  }
  return 1;
}

if (import.meta.main) process.exit(await main());
