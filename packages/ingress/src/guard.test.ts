import type { DiscordInteraction } from '@autoalex/contracts';
import { describe, expect, it } from 'vitest';
import type { ClaimStore } from './claims.ts';
import { createDeadlineGuard, type DeadlineGuardOptions } from './guard.ts';
import type { GuardResponder, InteractionTarget } from './responder.ts';
import { BUSY_MESSAGE, type InteractionResponseBody, REFUSED_MESSAGE } from './responses.ts';
import type { Timers } from './timers.ts';

const T0 = 1_800_000_000_000;

/** A clock that only moves when the test says so; due timers run in order, then pending promises settle. */
function fakeClock(start = T0) {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; run: () => void }>();
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise<void>((ok) => setImmediate(ok));
  };
  const clock: Timers & { advanceTo(ms: number): Promise<void>; pending(): number } = {
    now: () => now,
    setTimeout(run, ms) {
      const id = nextId++;
      timers.set(id, { at: now + Math.max(0, ms), run });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    /** Moves to T0 + ms, firing every timer due on the way. */
    async advanceTo(ms) {
      const target = start + ms;
      await settle();
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].run();
        await settle();
      }
      now = target;
    },
    pending: () => timers.size,
  };
  return clock;
}

/** The Redis SET NX race, in memory; `other` plays the interactions service. */
function memoryClaims() {
  const keys = new Map<string, string>();
  let failing: 'ack' | 'handled' | 'both' | undefined;
  let hanging = false;
  const store: ClaimStore & {
    keys: Map<string, string>;
    other(id: string, which: 'ack' | 'handled'): boolean;
    fail(which: 'ack' | 'handled' | 'both' | undefined): void;
    /** Every claim from now on never settles (a Redis that accepts commands but does not answer). */
    hang(): void;
  } = {
    keys,
    async claim(id, which, value) {
      if (hanging) return new Promise<boolean>(() => {});
      if (failing === which || failing === 'both') throw new Error('Connection is closed.');
      const key = `${id}:${which}`;
      if (keys.has(key)) return false;
      keys.set(key, value);
      return true;
    },
    other(id, which) {
      const key = `${id}:${which}`;
      if (keys.has(key)) return false;
      keys.set(key, 'interactions');
      return true;
    },
    fail(which) {
      failing = which;
    },
    hang() {
      hanging = true;
    },
  };
  return store;
}

type Call =
  | { at: number; op: 'respond'; body: InteractionResponseBody }
  | { at: number; op: 'editOriginal' | 'followUp'; body: Record<string, unknown> };

function recordingResponder(clock: Timers) {
  const calls: Call[] = [];
  let refuse: Call['op'] | undefined;
  const check = (op: Call['op'], target: InteractionTarget) => {
    expect(target).toEqual({ id: interactionId, applicationId, token: 'tok' });
    if (refuse === op) throw Object.assign(new Error('Unknown interaction'), { status: 404, code: 10062 });
  };
  const responder: GuardResponder & { calls: Call[]; refuse(op: Call['op']): void } = {
    calls,
    refuse(op) {
      refuse = op;
    },
    async respond(target, body) {
      calls.push({ at: clock.now() - T0, op: 'respond', body });
      check('respond', target);
    },
    async editOriginal(target, body) {
      calls.push({ at: clock.now() - T0, op: 'editOriginal', body });
      check('editOriginal', target);
    },
    async followUp(target, body) {
      calls.push({ at: clock.now() - T0, op: 'followUp', body });
      check('followUp', target);
    },
  };
  return responder;
}

const interactionId = '1300000000000000001';
const applicationId = '1200000000000000001';

function interaction(type: 1 | 2 | 3 | 4 | 5, data?: Record<string, unknown>): DiscordInteraction {
  return {
    id: interactionId,
    application_id: applicationId,
    type,
    token: 'tok',
    version: 1,
    ...(data ? { data } : {}),
  };
}

function setup(extra: Partial<DeadlineGuardOptions> = {}) {
  const clock = fakeClock();
  const claims = memoryClaims();
  const responder = recordingResponder(clock);
  const outcomes: string[] = [];
  const guard = createDeadlineGuard({
    claims,
    responder,
    timers: clock,
    deferAfterMs: 2200,
    busyAfterMs: 10_000,
    onOutcome: (outcome, kind) => outcomes.push(`${kind}:${outcome}`),
    ...extra,
  });
  return { clock, claims, responder, guard, outcomes };
}

const busyEdit = { content: BUSY_MESSAGE, allowed_mentions: { parse: [] } };

describe('deadline guard', () => {
  it('stays silent when the interactions service claims the answer in time', async () => {
    const { clock, claims, responder, guard, outcomes } = setup();
    const watch = guard.watch(interaction(2, { name: 'help' }), { receivedAt: T0 });
    await clock.advanceTo(800);
    expect(claims.other(interactionId, 'handled')).toBe(true);
    expect(claims.other(interactionId, 'ack')).toBe(true);
    await clock.advanceTo(20_000);
    expect(await watch.done).toBe('answered');
    expect(responder.calls).toEqual([]);
    expect(clock.pending()).toBe(0);
    expect(outcomes).toEqual(['command:answered']);
    expect(guard.pending).toBe(0);
  });

  it('defers at the deadline, then leaves the answer to the interactions service that took the job', async () => {
    const { clock, claims, responder, guard } = setup();
    const watch = guard.watch(interaction(2, { name: 'help' }), { receivedAt: T0 });
    await clock.advanceTo(2199);
    expect(responder.calls).toEqual([]);
    await clock.advanceTo(2200);
    expect(responder.calls).toEqual([{ at: 2200, op: 'respond', body: { type: 5, data: { flags: 64 } } }]);
    expect(claims.keys.get(`${interactionId}:ack`)).toBe('guard');
    // The interactions service picks the job up late: it claims `handled`, loses `ack`, edits @original.
    await clock.advanceTo(5000);
    expect(claims.other(interactionId, 'handled')).toBe(true);
    expect(claims.other(interactionId, 'ack')).toBe(false);
    await clock.advanceTo(30_000);
    expect(await watch.done).toBe('deferred');
    expect(responder.calls).toHaveLength(1);
  });

  it('defers, then tells the user Autoalex is busy when nobody took the job', async () => {
    const { clock, claims, responder, guard } = setup();
    const watch = guard.watch(interaction(2, { name: 'generate' }), { receivedAt: T0 });
    await clock.advanceTo(9999);
    expect(responder.calls).toEqual([{ at: 2200, op: 'respond', body: { type: 5 } }]);
    await clock.advanceTo(10_000);
    expect(await watch.done).toBe('busy');
    expect(responder.calls[1]).toEqual({ at: 10_000, op: 'editOriginal', body: busyEdit });
    // A late interactions worker sees `abandoned` and drops the job.
    expect(claims.keys.get(`${interactionId}:handled`)).toBe('abandoned');
    expect(claims.other(interactionId, 'handled')).toBe(false);
  });

  it('answers an unanswered autocomplete with no choices and abandons it (no busy step)', async () => {
    const { clock, claims, responder, guard } = setup();
    const watch = guard.watch(interaction(4, { name: 'generate' }), { receivedAt: T0 });
    await clock.advanceTo(60_000);
    expect(await watch.done).toBe('autocomplete-empty');
    expect(responder.calls).toEqual([{ at: 2200, op: 'respond', body: { type: 8, data: { choices: [] } } }]);
    expect(claims.keys.get(`${interactionId}:handled`)).toBe('abandoned');
  });

  it('defers a component with a deferred update and sends the busy note as an ephemeral follow-up', async () => {
    const { clock, responder, guard } = setup();
    const watch = guard.watch(interaction(3, { custom_id: 'player:skip', component_type: 2 }), { receivedAt: T0 });
    await clock.advanceTo(10_000);
    expect(await watch.done).toBe('busy');
    expect(responder.calls).toEqual([
      { at: 2200, op: 'respond', body: { type: 6 } },
      { at: 10_000, op: 'followUp', body: { ...busyEdit, flags: 64 } },
    ]);
  });

  it('defers a modal submit as an ephemeral message', async () => {
    const { clock, responder, guard } = setup();
    guard.watch(interaction(5, { custom_id: 'modal:x', components: [] }), { receivedAt: T0 });
    await clock.advanceTo(2200);
    expect(responder.calls).toEqual([{ at: 2200, op: 'respond', body: { type: 5, data: { flags: 64 } } }]);
    guard.close();
  });

  it('counts the deadlines from receipt, not from when it was asked to watch', async () => {
    const { clock, responder, guard } = setup();
    await clock.advanceTo(1500);
    guard.watch(interaction(2, { name: 'help' }), { receivedAt: T0 });
    await clock.advanceTo(2200);
    expect(responder.calls.map((c) => c.at)).toEqual([2200]);
    guard.close();
  });

  it('answers at once when the interaction never reached the bus', async () => {
    const { clock, responder, guard } = setup();
    const watch = guard.watch(interaction(2, { name: 'generate' }), { receivedAt: T0, published: false });
    await clock.advanceTo(0);
    expect(await watch.done).toBe('unavailable');
    expect(responder.calls).toEqual([
      {
        at: 0,
        op: 'respond',
        body: { type: 4, data: { content: BUSY_MESSAGE, flags: 64, allowed_mentions: { parse: [] } } },
      },
    ]);
  });

  it('says at once that a refused interaction cannot be read, never "busy" (ADR 0228)', async () => {
    const { clock, responder, guard } = setup();
    const watch = guard.watch(interaction(2, { name: 'generate' }), {
      receivedAt: T0,
      published: false,
      refused: true,
    });
    await clock.advanceTo(0);
    expect(await watch.done).toBe('refused');
    expect(responder.calls).toEqual([
      {
        at: 0,
        op: 'respond',
        body: { type: 4, data: { content: REFUSED_MESSAGE, flags: 64, allowed_mentions: { parse: [] } } },
      },
    ]);
    await clock.advanceTo(20_000);
    expect(responder.calls).toHaveLength(1);
  });

  it('answers an autocomplete that never reached the bus with no choices', async () => {
    const { clock, responder, guard } = setup();
    guard.watch(interaction(4, { name: 'generate' }), { receivedAt: T0, published: false });
    await clock.advanceTo(0);
    expect(responder.calls.map((c) => c.body)).toEqual([{ type: 8, data: { choices: [] } }]);
  });

  it('defers anyway when Redis cannot decide the acknowledgement', async () => {
    const { clock, claims, responder, guard } = setup();
    claims.fail('ack');
    guard.watch(interaction(2, { name: 'help' }), { receivedAt: T0 });
    await clock.advanceTo(2200);
    expect(responder.calls.map((c) => c.body.type)).toEqual([5]);
    guard.close();
  });

  it('sends no busy reply while Redis cannot say whether someone took the job, and asks again (ADR 0230)', async () => {
    const { clock, claims, responder, guard } = setup();
    const watch = guard.watch(interaction(2, { name: 'help' }), { receivedAt: T0 });
    await clock.advanceTo(2200);
    claims.fail('handled');
    await clock.advanceTo(30_000);
    expect(responder.calls.map((c) => c.op)).toEqual(['respond']);
    expect(guard.pending).toBe(1);
    // Redis is back and nobody took the job: the busy reply goes out once, on the next try.
    claims.fail(undefined);
    await clock.advanceTo(32_000);
    expect(await watch.done).toBe('busy');
    expect(responder.calls).toEqual([
      { at: 2200, op: 'respond', body: { type: 5, data: { flags: 64 } } },
      { at: 32_000, op: 'editOriginal', body: busyEdit },
    ]);
    expect(claims.keys.get(`${interactionId}:handled`)).toBe('abandoned');
    expect(clock.pending()).toBe(0);
  });

  it('leaves the answer to the interactions service that took the job during the outage', async () => {
    const { clock, claims, responder, guard } = setup();
    const watch = guard.watch(interaction(2, { name: 'help' }), { receivedAt: T0 });
    await clock.advanceTo(2200);
    claims.fail('handled');
    await clock.advanceTo(12_000);
    claims.fail(undefined);
    expect(claims.other(interactionId, 'handled')).toBe(true);
    await clock.advanceTo(60_000);
    expect(await watch.done).toBe('deferred');
    expect(responder.calls.map((c) => c.op)).toEqual(['respond']);
  });

  it('gives up asking when the token is about to expire', async () => {
    const { clock, claims, responder, guard } = setup();
    const watch = guard.watch(interaction(2, { name: 'help' }), { receivedAt: T0 });
    await clock.advanceTo(2200);
    claims.fail('handled');
    await clock.advanceTo(15 * 60_000);
    expect(await watch.done).toBe('failed');
    expect(responder.calls.map((c) => c.op)).toEqual(['respond']);
    expect(clock.pending()).toBe(0);
  });

  it('answers "busy" at once when the bus is down, whether the claims fail or hang (ADR 0230)', async () => {
    for (const mode of ['fail', 'hang'] as const) {
      const { clock, claims, responder, guard } = setup();
      if (mode === 'fail') claims.fail('both');
      else claims.hang();
      const watch = guard.watch(interaction(2, { name: 'generate' }), { receivedAt: T0, published: false });
      await clock.advanceTo(mode === 'fail' ? 0 : 400);
      expect(await watch.done).toBe('unavailable');
      expect(responder.calls).toEqual([
        {
          at: mode === 'fail' ? 0 : 400,
          op: 'respond',
          body: { type: 4, data: { content: BUSY_MESSAGE, flags: 64, allowed_mentions: { parse: [] } } },
        },
      ]);
      expect(clock.pending()).toBe(0);
    }
  });

  it('defers within the claim timeout when Redis accepts the ack claim but never answers', async () => {
    const { clock, claims, responder, guard } = setup();
    claims.hang();
    guard.watch(interaction(2, { name: 'help' }), { receivedAt: T0 });
    await clock.advanceTo(2600);
    expect(responder.calls).toEqual([{ at: 2600, op: 'respond', body: { type: 5, data: { flags: 64 } } }]);
    guard.close();
  });

  it('stops when Discord refuses the deferral', async () => {
    const { clock, responder, guard } = setup();
    responder.refuse('respond');
    const watch = guard.watch(interaction(2, { name: 'help' }), { receivedAt: T0 });
    await clock.advanceTo(20_000);
    expect(await watch.done).toBe('failed');
    expect(responder.calls.map((c) => c.op)).toEqual(['respond']);
  });

  it('sends the initial response through `respond` when given (the HTTP ingress)', async () => {
    const { clock, responder, guard } = setup();
    const held: InteractionResponseBody[] = [];
    guard.watch(interaction(2, { name: 'help' }), {
      receivedAt: T0,
      respond: async (body) => {
        held.push(body);
      },
    });
    await clock.advanceTo(10_000);
    expect(held).toEqual([{ type: 5, data: { flags: 64 } }]);
    expect(responder.calls.map((c) => c.op)).toEqual(['editOriginal']);
  });

  it('ignores PING', async () => {
    const { guard, outcomes } = setup();
    expect(await guard.watch(interaction(1), { receivedAt: T0 }).done).toBe('ignored');
    expect(outcomes).toEqual(['ping:ignored']);
  });

  it('cancel stops the pending steps', async () => {
    const { clock, responder, guard } = setup();
    const watch = guard.watch(interaction(2, { name: 'help' }), { receivedAt: T0 });
    watch.cancel();
    await clock.advanceTo(20_000);
    expect(await watch.done).toBe('cancelled');
    expect(responder.calls).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  it('drain lets every deferral happen, then cancels the busy steps', async () => {
    const { clock, responder, guard } = setup();
    const first = guard.watch(interaction(2, { name: 'help' }), { receivedAt: T0 });
    let drained = false;
    const draining = guard.drain().then(() => {
      drained = true;
    });
    await clock.advanceTo(2000);
    expect(drained).toBe(false);
    await clock.advanceTo(2200);
    await draining;
    expect(responder.calls.map((c) => c.op)).toEqual(['respond']);
    expect(await first.done).toBe('cancelled');
    expect(clock.pending()).toBe(0);
  });

  it('refuses a busy deadline that is not after the deferral deadline', () => {
    const clock = fakeClock();
    expect(() =>
      createDeadlineGuard({
        claims: memoryClaims(),
        responder: recordingResponder(clock),
        deferAfterMs: 3000,
        busyAfterMs: 3000,
      }),
    ).toThrow('busyAfterMs (3000) must be greater than deferAfterMs (3000)');
  });
});
