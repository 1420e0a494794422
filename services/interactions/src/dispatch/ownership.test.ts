import { describe, expect, it } from 'vitest';
import { memoryClaims, recordingLogger, recordingResponder } from '../../test/support/fake-deps.ts';
import { claimHandled, type GuardDeferral, ownedResponder } from './ownership.ts';

function owned(guardWon: boolean, guard: GuardDeferral) {
  const inner = recordingResponder();
  const responder = ownedResponder(inner, { claimAck: async () => !guardWon, guard, log: recordingLogger() });
  return { inner, responder };
}

const publicDeferral: GuardDeferral = { kind: 'message', visibility: 'public' };

describe('ownedResponder (ADR 0002)', () => {
  it('sends the initial response itself when it wins `ack`', async () => {
    const { inner, responder } = owned(false, publicDeferral);
    await responder.reply({ content: 'hi' });
    expect(inner.calls).toEqual([{ method: 'reply', arg: { content: 'hi' } }]);
    expect(responder.state).toBe('done');
    expect(responder.guardDeferred).toBe(false);
  });

  it('turns each initial response into what still works after the guard deferred', async () => {
    const cases: [GuardDeferral, (r: ReturnType<typeof owned>['responder']) => Promise<unknown>, string[]][] = [
      [publicDeferral, (r) => r.reply({ content: 'x' }), ['editOriginal']],
      [
        { kind: 'message', visibility: 'ephemeral' },
        (r) => r.reply({ content: 'x', ephemeral: true }),
        ['editOriginal'],
      ],
      [publicDeferral, (r) => r.reply({ content: 'x', ephemeral: true }), ['deleteOriginal', 'followUp']],
      [{ kind: 'update' }, (r) => r.update({ content: 'x' }), ['editOriginal']],
      [{ kind: 'update' }, (r) => r.reply({ content: 'x', ephemeral: true }), ['followUp']],
      [{ kind: 'update' }, (r) => r.deferUpdate(), []],
      [publicDeferral, (r) => r.defer(), []],
      [{ kind: 'autocomplete' }, (r) => r.autocomplete([{ name: 'a', value: 'a' }]), []],
      [publicDeferral, (r) => r.modal({ custom_id: 'confirm:x', title: 't', components: [] }), ['followUp']],
    ];
    for (const [guard, act, expected] of cases) {
      const { inner, responder } = owned(true, guard);
      await act(responder);
      expect(inner.calls.map((c) => c.method)).toEqual(expected);
      expect(responder.guardDeferred).toBe(true);
    }
  });

  it('replaces a public guard deferral on the first edit after an ephemeral defer', async () => {
    const { inner, responder } = owned(true, publicDeferral);
    await responder.defer({ ephemeral: true });
    expect(responder.state).toBe('deferred');
    await responder.editOriginal({ content: 'private' });
    await responder.editOriginal({ content: 'private, edited' });
    expect(inner.calls.map((c) => c.method)).toEqual(['deleteOriginal', 'followUp', 'editOriginal']);
    expect(inner.calls[1]?.arg).toEqual({ content: 'private', ephemeral: true });
    expect(responder.state).toBe('done');
  });
});

describe('claimHandled', () => {
  it('takes a fresh job, drops an abandoned one, and goes on after another pickup', async () => {
    const claims = memoryClaims({ '2:handled': 'abandoned', '3:handled': 'interactions:other' });
    const read = async (id: string) => claims.values.get(`${id}:handled`) ?? null;
    expect(await claimHandled(claims, read, '1', 'interactions:me')).toBe('take');
    expect(claims.values.get('1:handled')).toBe('interactions:me');
    expect(await claimHandled(claims, read, '2', 'interactions:me')).toBe('drop');
    expect(await claimHandled(claims, read, '3', 'interactions:me')).toBe('take');
  });
});
