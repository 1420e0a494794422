import { createMeta, type InteractionJob, type Logger } from '@autoalex/contracts';
import type { CustomId, Outcome, OutgoingMessage, Responder } from '@autoalex/discord';
import type { ClaimStore } from '@autoalex/ingress';
import type { MonitorStatus } from '@autoalex/monitoring';
import { type SuiteHealthRead, summarizeSuite } from '@autoalex/runtime';
import type { DispatchDeps } from '../../src/dispatch/handle-interaction.ts';
import type { RateLimitVerdict } from '../../src/dispatch/rate-limit.ts';
import { featureRegistries } from '../../src/features/index.ts';
import type { ListeningDeps } from '../../src/features/listening/deps.ts';
import type { RemixDeps, RemixJobInput } from '../../src/features/remix/deps.ts';
import type { SuiteDeps } from '../../src/features/suite/deps.ts';

// Fakes for unit tests of the interactions service: in-memory claims and component state, a
// responder that records what it was asked to send, and a logger that keeps its lines.

export interface Recorded {
  method: keyof Responder;
  arg?: unknown;
}

export function recordingResponder(
  kind: Responder['kind'] = 'discord',
): Responder & { calls: Recorded[]; outcome: Outcome | undefined } {
  const calls: Recorded[] = [];
  const record =
    (method: keyof Responder) =>
    async (arg?: unknown): Promise<undefined> => {
      calls.push(arg === undefined ? { method } : { method, arg });
      return undefined;
    };
  const responder = {
    kind,
    calls,
    outcome: undefined as Outcome | undefined,
    reply: record('reply'),
    defer: record('defer'),
    update: record('update'),
    deferUpdate: record('deferUpdate'),
    modal: record('modal'),
    autocomplete: record('autocomplete'),
    editOriginal: record('editOriginal'),
    deleteOriginal: record('deleteOriginal'),
    followUp: record('followUp'),
    async complete(outcome: Outcome = 'ok') {
      calls.push({ method: 'complete', arg: outcome });
      responder.outcome = outcome;
    },
  };
  return responder;
}

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: object;
  message: string | undefined;
}

export function recordingLogger(lines: LogLine[] = []): Logger & { lines: LogLine[] } {
  const at =
    (level: LogLine['level']) =>
    (fields: object, message?: string): void => {
      lines.push({ level, fields, message });
    };
  const logger = {
    lines,
    child: () => logger,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
  return logger;
}

export function memoryClaims(preset: Record<string, string> = {}): ClaimStore & { values: Map<string, string> } {
  const values = new Map(Object.entries(preset));
  return {
    values,
    async claim(id, which, value) {
      const key = `${id}:${which}`;
      if (values.has(key)) return false;
      values.set(key, value);
      return true;
    },
  };
}

export const healthy: SuiteHealthRead = {
  ok: true,
  health: summarizeSuite(
    [
      {
        service: 'interactions',
        instance: 'host-1',
        status: 'ok',
        uptimeSeconds: 30,
        checks: { redis: { status: 'ok', latencyMs: 1, detail: 'PING answered' } },
        updatedAt: '2026-11-21T10:00:00.000Z',
      },
    ],
    ['interactions', 'player'],
  ),
};

/** No monitor has reported; no incident is open. */
export const monitorAbsent: MonitorStatus = {
  running: false,
  updatedAt: null,
  alerts: null,
  targets: [],
  openIncidents: [],
  problems: [],
};

/** The library mirror as the listening and remix features read it. */
export type FakeLibrary = ListeningDeps['library'] & RemixDeps['library'];

/** A library mirror that knows nothing (every lookup misses); override what a test needs. */
export function fakeLibrary(overrides: Partial<FakeLibrary> = {}): FakeLibrary {
  return {
    completion: async ({ artist }) => ({ kind: 'unknown-artist', query: artist, suggestions: [] }),
    compare: async ({ artist }) => ({ kind: 'unknown-artist', query: artist, suggestions: [] }),
    artistChoices: async () => [],
    plexUserChoices: async () => [],
    trackChoices: async () => [],
    linkedPlexUser: async () => undefined,
    findPlexUser: async (text) => ({ kind: 'not-found', text, suggestions: [] }),
    findTrack: async (text) => ({ kind: 'not-found', text, suggestions: [] }),
    ...overrides,
  };
}

/** The 8 bytes of the PNG signature: enough to stand for a card. */
export const FAKE_PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Every feature's deps in one flat object (their fields agree where they share a name, e.g.
 * `library` and `readHealth`): each feature's handlers get this same object, so a test overrides
 * a field once, for every feature that reads it.
 */
export interface FakeWorld extends ListeningDeps, RemixDeps, SuiteDeps {
  readonly library: FakeLibrary;
}

export interface FakeDeps extends DispatchDeps, FakeWorld {
  responder: ReturnType<typeof recordingResponder>;
  claims: ReturnType<typeof memoryClaims>;
  states: Map<string, unknown>;
  /** Payloads given to `remix.enqueue`. */
  remixJobs: RemixJobInput[];
}

export function fakeDeps(
  overrides: Partial<Omit<DispatchDeps, 'claims' | 'registries'> & FakeWorld> = {},
  options: { kind?: Responder['kind'] } = {},
): FakeDeps {
  const responder = recordingResponder(options.kind);
  const claims = memoryClaims();
  const states = new Map<string, unknown>();
  const remixJobs: RemixJobInput[] = [];
  let n = 0;
  const deps: Omit<FakeDeps, 'registries'> = {
    responder,
    claims,
    states,
    remixJobs,
    readHandled: async (id) => claims.values.get(`${id}:handled`) ?? null,
    instance: 'test-1',
    rateLimit: async (): Promise<RateLimitVerdict> => ({ allowed: true }),
    responderFor: () => responder,
    async saveState(prefix, state) {
      const key = `key${++n}`;
      states.set(`${prefix}:${key}`, state);
      return `${prefix}:${key}`;
    },
    loadState: async (id: CustomId) => states.get(`${id.prefix}:${id.stateKey}`),
    readHealth: async () => healthy,
    readMonitor: async () => monitorAbsent,
    library: fakeLibrary(),
    usage: { configured: false, read: async () => ({ kind: 'not-configured' }) },
    cards: { completion: async () => FAKE_PNG, compare: async () => FAKE_PNG },
    remix: {
      allowance: async () => ({ ok: true }),
      async enqueue(payload) {
        remixJobs.push(payload);
        return `remix-${payload.meta.correlationId}`;
      },
    },
    now: () => Date.parse('2026-11-21T10:00:05.000Z'),
    ...overrides,
  };
  // The same object is every feature's deps: a field a test changes later reaches the handlers too.
  return Object.assign(deps, { registries: featureRegistries({ listening: deps, remix: deps, suite: deps }) });
}

let counter = 0;
/** A Discord-shaped interaction job; `interaction` fields override the defaults (a guild command). */
export function interactionJob(
  interaction: Record<string, unknown>,
  source: InteractionJob['source'] = 'gateway',
): InteractionJob {
  counter += 1;
  const id = String(1_300_000_000_000_000_000n + BigInt(counter));
  return {
    interaction: {
      id,
      application_id: '1300000000000000001',
      type: 2,
      token: `token-${counter}`,
      version: 1,
      guild_id: '1300000000000000002',
      channel_id: '1300000000000000003',
      member: { user: { id: '1300000000000000004', username: 'listener' }, permissions: '0', roles: [] },
      ...interaction,
    },
    receivedAt: Date.now(),
    source,
    meta: createMeta({ requestedBy: '1300000000000000004', guildId: '1300000000000000002' }),
  };
}

export function command(name: string, options: unknown[] = [], extra: Record<string, unknown> = {}) {
  return interactionJob({ type: 2, data: { id: '1300000000000000009', name, type: 1, options }, ...extra });
}

export const ADMIN_MEMBER = {
  member: { user: { id: '1300000000000000005', username: 'admin' }, permissions: String(1 << 5), roles: [] },
};

export function firstMessage(responder: { calls: Recorded[] }): OutgoingMessage {
  const call = responder.calls.find(
    (c) => c.method === 'reply' || c.method === 'editOriginal' || c.method === 'followUp',
  );
  if (!call) throw new Error(`no message was sent: ${JSON.stringify(responder.calls.map((c) => c.method))}`);
  return call.arg as OutgoingMessage;
}
