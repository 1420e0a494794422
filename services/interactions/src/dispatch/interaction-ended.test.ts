import { type InteractionJob, type JobEnd, parseJob, silentLogger } from '@autoalex/contracts';
import { examples } from '@autoalex/contracts/examples';
import type { OutgoingMessage, Responder } from '@autoalex/discord';
import { describe, expect, it } from 'vitest';
import { interactionEnded } from './interaction-ended.ts';

function recorder() {
  const calls: { kind: 'edit' | 'followUp'; message: OutgoingMessage }[] = [];
  const responder = {
    editOriginal: async (message: OutgoingMessage) => {
      calls.push({ kind: 'edit', message });
      return undefined;
    },
    followUp: async (message: OutgoingMessage) => {
      calls.push({ kind: 'followUp', message });
      return undefined;
    },
  } as unknown as Responder;
  return { calls, deps: { responderFor: () => responder } };
}

const job = (type: number): InteractionJob => {
  const base = parseJob('interactions', 'interaction', examples.interactions.interaction);
  return { ...base, interaction: { ...base.interaction, type } } as InteractionJob;
};
const end = (cause: JobEnd['cause']): JobEnd => ({
  jobId: '1',
  cause,
  reason: 'job stalled more than allowable limit',
  attemptsMade: 1,
  attempts: 1,
  stalls: 1,
  log: silentLogger,
});

describe('interactionEnded', () => {
  it('fills a command deferral with one clear sentence when its worker died under it', async () => {
    const { calls, deps } = recorder();
    await interactionEnded(deps, job(2), end('stalled'));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ kind: 'edit', message: { content: expect.stringMatching(/restarted/) } });
  });

  it('leaves a component message alone and tells the user in an ephemeral follow-up', async () => {
    const { calls, deps } = recorder();
    await interactionEnded(deps, job(3), end('stalled'));
    expect(calls).toEqual([{ kind: 'followUp', message: expect.objectContaining({ ephemeral: true }) }]);
  });

  it('says nothing for autocomplete, nor for a handler that failed (it answered already)', async () => {
    const { calls, deps } = recorder();
    await interactionEnded(deps, job(4), end('stalled'));
    await interactionEnded(deps, job(2), end('failed'));
    expect(calls).toEqual([]);
  });

  it('does not throw when nothing can be edited any more', async () => {
    const deps = {
      responderFor: () =>
        ({
          editOriginal: async () => {
            throw new Error('Unknown Webhook');
          },
        }) as unknown as Responder,
    };
    await expect(interactionEnded(deps, job(2), end('stalled'))).resolves.toBeUndefined();
  });
});
