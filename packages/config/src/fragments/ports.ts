import { port } from '../define.ts';

/** Every service serves /healthz and /metrics on its own port; the local stack runs them side by side. */
export const SERVICE_PORTS = {
  web: 8080,
  gateway: 8081,
  interactions: 8082,
  'remix-worker': 8083,
  'suno-worker': 8084,
  monitor: 8085,
  player: 8086,
  'library-worker': 8087,
} as const;

export type ServiceName = keyof typeof SERVICE_PORTS;
export const SERVICE_NAMES = Object.keys(SERVICE_PORTS) as ServiceName[];

type PortVariable<S extends string> = `${Uppercase<S extends `${infer A}-${infer B}` ? `${A}_${B}` : S>}_PORT`;

export function portVariable<S extends ServiceName>(service: S): PortVariable<S> {
  return `${service.toUpperCase().replace('-', '_')}_PORT` as PortVariable<S>;
}

/** The port fragment of one service, e.g. { GATEWAY_PORT: ... } */
export function servicePort<S extends ServiceName>(service: S): { [K in PortVariable<S>]: ReturnType<typeof port> } {
  const schema = port(SERVICE_PORTS[service], `HTTP port of ${service} (/healthz, /metrics)`);
  return { [portVariable(service)]: schema } as { [K in PortVariable<S>]: ReturnType<typeof port> };
}
