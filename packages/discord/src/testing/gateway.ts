import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createDeflate, type Deflate, constants as zlibConstants } from 'node:zlib';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { type JsonObject, sessionId as newSessionId } from './shapes.ts';

/**
 * The fake Discord gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME with replay
 * of missed dispatches, and every client payload recorded. JSON encoding only (what discord.js
 * uses); `compress=zlib-stream` is honoured with one shared deflate context per connection and a
 * Z_SYNC_FLUSH after every payload, as Discord does.
 */

export interface GatewayPayload {
  op: number;
  d: unknown;
  s?: number | null;
  t?: string | null;
}

/** A payload the client sent over the gateway, with the session it belonged to. */
export interface GatewaySend {
  op: number;
  d: unknown;
  sessionId: string | null;
  at: number;
}

export interface GatewayHost {
  token: string;
  heartbeatIntervalMs: number;
  now(): number;
  /** The READY `d` for a new session (user, application, guilds as unavailable). */
  readyData(sessionId: string, resumeGatewayUrl: string): JsonObject;
  /** GUILD_CREATE payloads sent right after READY. */
  guildCreates(): JsonObject[];
  resumeGatewayUrl(): string;
  onClientPayload(send: GatewaySend): void;
}

interface Session {
  id: string;
  seq: number;
  buffer: { s: number; t: string; d: unknown }[];
  socket: Connection | undefined;
  identify: unknown;
}

interface Connection {
  ws: WebSocket;
  session: Session | undefined;
  send(payload: GatewayPayload): Promise<void>;
}

/** Close codes Discord uses (and discord.js reacts to). */
export const GatewayClose = {
  UnknownError: 4000,
  UnknownOpcode: 4001,
  DecodeError: 4002,
  NotAuthenticated: 4003,
  AuthenticationFailed: 4004,
  AlreadyAuthenticated: 4005,
  InvalidSeq: 4007,
  SessionTimedOut: 4009,
  InvalidAPIVersion: 4012,
} as const;

const MAX_REPLAY = 1000;

export interface FakeGateway {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sends a dispatch to the current session; buffered for replay if the client is away. */
  dispatch(t: string, d: unknown): number | undefined;
  /** Closes the current client connection (default 4000, which discord.js answers with RESUME). */
  disconnect(code?: number, reason?: string): Promise<void>;
  /** Sends op 7 RECONNECT: the client closes and resumes. */
  requestReconnect(): void;
  /** Sends op 9 INVALID_SESSION. */
  invalidateSession(resumable: boolean): void;
  readonly connected: boolean;
  readonly sessionId: string | undefined;
  close(): Promise<void>;
}

export function createGateway(host: GatewayHost): FakeGateway {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const sessions = new Map<string, Session>();
  const connections = new Set<Connection>();
  let current: Session | undefined;

  wss.on('connection', (ws, req) => {
    const url = new URL(req.url ?? '/', 'ws://fake');
    const version = url.searchParams.get('v');
    const encoding = url.searchParams.get('encoding') ?? 'json';
    const compress = url.searchParams.get('compress');
    if (version !== null && version !== '10') {
      ws.close(GatewayClose.InvalidAPIVersion, 'Invalid API version.');
      return;
    }
    if (encoding !== 'json') {
      ws.close(GatewayClose.DecodeError, 'The fake gateway speaks encoding=json only.');
      return;
    }
    const conn = makeConnection(ws, compress === 'zlib-stream');
    connections.add(conn);
    ws.on('message', (raw, isBinary) => void onMessage(conn, raw, isBinary));
    ws.on('close', () => {
      connections.delete(conn);
      if (conn.session?.socket === conn) conn.session.socket = undefined;
    });
    ws.on('error', () => {});
    void conn.send({ op: 10, d: { heartbeat_interval: host.heartbeatIntervalMs }, s: null, t: null });
  });

  function makeConnection(ws: WebSocket, zlibStream: boolean): Connection {
    let deflate: Deflate | undefined;
    let chain = Promise.resolve();
    if (zlibStream) deflate = createDeflate({ chunkSize: 65_535 });
    return {
      ws,
      session: undefined,
      send(payload) {
        const text = JSON.stringify(payload);
        chain = chain.then(async () => {
          if (ws.readyState !== WebSocket.OPEN) return;
          if (!deflate) {
            ws.send(text);
            return;
          }
          const d = deflate;
          const chunks: Buffer[] = [];
          const onData = (c: Buffer) => chunks.push(c);
          d.on('data', onData);
          d.write(text);
          await new Promise<void>((ok) => d.flush(zlibConstants.Z_SYNC_FLUSH, () => ok()));
          d.off('data', onData);
          if (ws.readyState === WebSocket.OPEN) ws.send(Buffer.concat(chunks), { binary: true });
        });
        return chain;
      },
    };
  }

  async function onMessage(conn: Connection, raw: RawData, isBinary: boolean): Promise<void> {
    let payload: GatewayPayload;
    try {
      if (isBinary) throw new Error('binary');
      payload = JSON.parse(rawToString(raw)) as GatewayPayload;
      if (typeof payload !== 'object' || payload === null || typeof payload.op !== 'number') throw new Error('shape');
    } catch {
      conn.ws.close(GatewayClose.DecodeError, 'Error while decoding payload.');
      return;
    }
    host.onClientPayload({ op: payload.op, d: payload.d, sessionId: conn.session?.id ?? null, at: host.now() });
    switch (payload.op) {
      case 1: // HEARTBEAT
        await conn.send({ op: 11, d: null, s: null, t: null });
        return;
      case 2:
        return identify(conn, payload.d as { token?: unknown });
      case 6:
        return resume(conn, payload.d as { token?: unknown; session_id?: unknown; seq?: unknown });
      case 3: // PRESENCE_UPDATE
      case 4: // VOICE_STATE_UPDATE
      case 8: // REQUEST_GUILD_MEMBERS
      case 31: // REQUEST_SOUNDBOARD_SOUNDS
        if (!conn.session) conn.ws.close(GatewayClose.NotAuthenticated, 'Not authenticated.');
        return;
      default:
        conn.ws.close(GatewayClose.UnknownOpcode, 'Unknown opcode.');
    }
  }

  async function identify(conn: Connection, d: { token?: unknown }): Promise<void> {
    if (conn.session) {
      conn.ws.close(GatewayClose.AlreadyAuthenticated, 'Already authenticated.');
      return;
    }
    if (stripBot(d?.token) !== host.token) {
      conn.ws.close(GatewayClose.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    const session: Session = { id: newSessionId(), seq: 0, buffer: [], socket: conn, identify: d };
    sessions.set(session.id, session);
    conn.session = session;
    current = session;
    sendDispatch(session, 'READY', host.readyData(session.id, host.resumeGatewayUrl()));
    for (const guild of host.guildCreates()) sendDispatch(session, 'GUILD_CREATE', guild);
  }

  async function resume(conn: Connection, d: { token?: unknown; session_id?: unknown; seq?: unknown }): Promise<void> {
    const session = typeof d?.session_id === 'string' ? sessions.get(d.session_id) : undefined;
    if (!session || stripBot(d.token) !== host.token || typeof d.seq !== 'number') {
      await conn.send({ op: 9, d: false, s: null, t: null });
      return;
    }
    const oldest = session.buffer[0]?.s ?? session.seq + 1;
    if (d.seq < oldest - 1) {
      await conn.send({ op: 9, d: false, s: null, t: null });
      return;
    }
    if (session.socket && session.socket !== conn)
      session.socket.ws.close(GatewayClose.UnknownError, 'Resumed elsewhere.');
    session.socket = conn;
    conn.session = session;
    current = session;
    const clientSeq = d.seq;
    for (const event of session.buffer) {
      if (event.s > clientSeq) void conn.send({ op: 0, s: event.s, t: event.t, d: event.d });
    }
    sendDispatch(session, 'RESUMED', {});
  }

  function sendDispatch(session: Session, t: string, d: unknown): number {
    session.seq += 1;
    const s = session.seq;
    if (t !== 'RESUMED') {
      session.buffer.push({ s, t, d });
      if (session.buffer.length > MAX_REPLAY) session.buffer.shift();
    }
    void session.socket?.send({ op: 0, s, t, d });
    return s;
  }

  return {
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    dispatch(t, d) {
      if (!current) return undefined;
      return sendDispatch(current, t, d);
    },
    async disconnect(code = GatewayClose.UnknownError, reason = 'Disconnected by the test.') {
      const conn = current?.socket;
      if (!conn) return;
      current!.socket = undefined;
      await new Promise<void>((ok) => {
        conn.ws.once('close', () => ok());
        conn.ws.close(code, reason);
      });
    },
    requestReconnect() {
      void current?.socket?.send({ op: 7, d: null, s: null, t: null });
    },
    invalidateSession(resumable) {
      void current?.socket?.send({ op: 9, d: resumable, s: null, t: null });
    },
    get connected() {
      return current?.socket !== undefined;
    },
    get sessionId() {
      return current?.id;
    },
    async close() {
      for (const conn of connections) conn.ws.terminate();
      await new Promise<void>((ok) => wss.close(() => ok()));
    },
  };
}

function stripBot(token: unknown): string | undefined {
  if (typeof token !== 'string') return undefined;
  return token.startsWith('Bot ') ? token.slice(4) : token;
}

function rawToString(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString('utf8');
  return raw.toString('utf8');
}
