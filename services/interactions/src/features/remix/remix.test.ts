import { randomUUID } from 'node:crypto';
import { INTERACTION_TOKEN_LIFETIME_MS, interactionCreatedAt } from '@autoalex/discord';
import { summarizeSuite } from '@autoalex/runtime';
import { describe, expect, it } from 'vitest';
import { command, fakeDeps, fakeLibrary, interactionJob, recordingLogger } from '../../../test/support/fake-deps.ts';
import { handleInteraction } from '../../dispatch/handle-interaction.ts';

// /boost and /reduce: validated by the catalogue, refused early for what the worker would refuse,
// answered "queued", handed to the remix queue with the reply target.

const withWorker = {
  ok: true,
  health: summarizeSuite(
    [
      {
        service: 'remix-worker',
        instance: 'host-1',
        status: 'ok',
        uptimeSeconds: 30,
        checks: {},
        updatedAt: '2026-11-21T10:00:00.000Z',
      },
    ],
    ['interactions', 'remix-worker'],
  ),
} as const;

const soWhat = { ratingKey: '5201', title: 'So What', artist: 'Miles Davis', album: 'Kind of Blue' };

function remixDeps(overrides: Parameters<typeof fakeDeps>[0] = {}) {
  return fakeDeps({
    readHealth: async () => withWorker,
    library: fakeLibrary({
      findTrack: async (text) =>
        /^\d+$/.test(text)
          ? { kind: 'found', ratingKey: text, track: undefined }
          : text === 'so what'
            ? { kind: 'found', ratingKey: '5201', track: soWhat }
            : text === 'blue'
              ? { kind: 'ambiguous', text, suggestions: ['Blue Train — John Coltrane (Blue Train)', 'Blue in Green'] }
              : { kind: 'not-found', text, suggestions: [] },
      trackChoices: async (text) => [{ name: `track ${text}`, value: '5201' }],
    }),
    ...overrides,
  });
}

const opt = (name: string, value: string | number) => ({ name, type: typeof value === 'number' ? 10 : 3, value });

describe('/boost', () => {
  it('answers "queued" publicly, then enqueues the remix with the Discord reply target', async () => {
    const deps = remixDeps();
    const job = command('boost', [opt('track', 'so what'), opt('stem', 'bass'), opt('db', 6)], {
      attachment_size_limit: 25 * 1024 * 1024,
    });
    expect(await handleInteraction(deps, job, recordingLogger())).toBe('handed-off');
    expect(deps.responder.calls).toEqual([
      {
        method: 'reply',
        arg: {
          content:
            '⏳ **So What** by Miles Davis (bass +6 dB): queued — this message shows the progress, then the MP3.',
        },
      },
    ]);
    expect(deps.remixJobs).toEqual([
      {
        source: { kind: 'plex-track', ratingKey: '5201' },
        stem: 'bass',
        gainDb: 6,
        reply: {
          kind: 'discord',
          applicationId: '1300000000000000001',
          interactionToken: job.interaction.token,
          channelId: '1300000000000000003',
          attachmentSizeLimit: 25 * 1024 * 1024,
          tokenExpiresAt: expect.any(Number),
        },
        meta: { ...job.meta, requestedBy: '1300000000000000004', guildId: '1300000000000000002' },
      },
    ]);
    const reply = deps.remixJobs[0]!.reply;
    if (reply.kind !== 'discord') throw new Error('not a discord target');
    // 15 minutes after Discord created the interaction (its snowflake), not after we received it.
    expect(reply.tokenExpiresAt).toBe(
      interactionCreatedAt(job.interaction.id, job.receivedAt) + INTERACTION_TOKEN_LIFETIME_MS,
    );
  });

  it('uses the default gain, and a console session as the reply target', async () => {
    const deps = remixDeps();
    const sessionId = randomUUID();
    const job = interactionJob(
      {
        type: 2,
        token: sessionId,
        data: { name: 'boost', type: 1, options: [opt('track', '5201'), opt('stem', 'vocals')] },
      },
      'console',
    );
    expect(await handleInteraction(deps, job, recordingLogger())).toBe('handed-off');
    expect(deps.responder.calls[0]?.arg).toEqual({
      content: '⏳ Remix (vocals +4 dB): queued — this message shows the progress, then the MP3.',
    });
    expect(deps.remixJobs[0]).toMatchObject({
      source: { kind: 'plex-track', ratingKey: '5201' },
      stem: 'vocals',
      gainDb: 4,
      reply: { kind: 'console', sessionId, interactionId: job.interaction.id },
    });
  });

  it('refuses out-of-range gains and unknown stems through the catalogue', async () => {
    for (const [options, message] of [
      [[opt('track', '5201'), opt('stem', 'bass'), opt('db', 13)], '/boost: db must be between 0.5 and 12.'],
      [
        [opt('track', '5201'), opt('stem', 'kazoo')],
        "/boost: unknown choice 'kazoo' for stem; choose vocals, drums, bass, other.",
      ],
    ] as const) {
      const deps = remixDeps();
      expect(await handleInteraction(deps, command('boost', [...options]), recordingLogger())).toBe('rejected');
      expect(deps.responder.calls[0]?.arg).toEqual({ content: message, ephemeral: true });
      expect(deps.remixJobs).toEqual([]);
    }
  });

  it('refuses an unknown or ambiguous title, with the candidates', async () => {
    const unknown = remixDeps();
    await handleInteraction(unknown, command('boost', [opt('track', 'nope'), opt('stem', 'bass')]), recordingLogger());
    expect(unknown.responder.calls[0]?.arg).toEqual({
      content:
        'No track in the Plex library has "nope" in its title (as of the last library sync). Start typing in `track` and pick one from the suggestions.',
      ephemeral: true,
    });
    const ambiguous = remixDeps();
    await handleInteraction(
      ambiguous,
      command('boost', [opt('track', 'blue'), opt('stem', 'bass')]),
      recordingLogger(),
    );
    expect(ambiguous.responder.calls[0]?.arg).toEqual({
      content: [
        'Several tracks match "blue" — pick one from the suggestions of `track`:',
        '• Blue Train — John Coltrane (Blue Train)',
        '• Blue in Green',
      ].join('\n'),
      ephemeral: true,
    });
    expect([...unknown.remixJobs, ...ambiguous.remixJobs]).toEqual([]);
  });

  it('refuses when no remix-worker runs, and past the per-user limits', async () => {
    const noWorker = remixDeps({ readHealth: fakeDeps().readHealth });
    await handleInteraction(noWorker, command('boost', [opt('track', '5201'), opt('stem', 'bass')]), recordingLogger());
    expect(noWorker.responder.calls[0]?.arg).toMatchObject({
      content: expect.stringMatching(/^Stem remixing is not running right now: no remix-worker has reported in\./),
      ephemeral: true,
    });

    const busy = remixDeps();
    busy.remix.allowance = async () => ({ ok: false, reason: 'active', limit: 1 });
    await handleInteraction(busy, command('boost', [opt('track', '5201'), opt('stem', 'bass')]), recordingLogger());
    expect(busy.responder.calls[0]?.arg).toEqual({
      content: 'You already have a remix running — wait for it to finish, then try again.',
      ephemeral: true,
    });

    const spent = remixDeps();
    spent.remix.allowance = async () => ({ ok: false, reason: 'daily', limit: 20 });
    expect(
      await handleInteraction(spent, command('boost', [opt('track', '5201'), opt('stem', 'bass')]), recordingLogger()),
    ).toBe('rejected');
    expect(spent.responder.calls[0]?.arg).toEqual({
      content: "You have used today's 20 remixes; the allowance resets at midnight UTC.",
      ephemeral: true,
    });
    expect([...noWorker.remixJobs, ...busy.remixJobs, ...spent.remixJobs]).toEqual([]);
  });

  it('tells the user when the queue does not take the job, and completes the answer', async () => {
    const deps = remixDeps();
    deps.remix.enqueue = async () => {
      throw new Error('Redis did not answer within 2000 ms');
    };
    expect(
      await handleInteraction(deps, command('boost', [opt('track', '5201'), opt('stem', 'bass')]), recordingLogger()),
    ).toBe('rejected');
    expect(deps.responder.calls.map((c) => c.method)).toEqual(['reply', 'editOriginal', 'complete']);
    expect(deps.responder.calls[1]?.arg).toEqual({
      content: '❌ Remix (bass +4 dB): could not be queued — the job queue did not answer. Try again in a minute.',
    });
  });

  it('suggests tracks from the library reads', async () => {
    const deps = remixDeps();
    await handleInteraction(
      deps,
      interactionJob({
        type: 4,
        data: { name: 'boost', type: 1, options: [{ name: 'track', type: 3, value: 'so w', focused: true }] },
      }),
      recordingLogger(),
    );
    expect(deps.responder.calls[0]).toEqual({ method: 'autocomplete', arg: [{ name: 'track so w', value: '5201' }] });
  });
});

describe('/reduce', () => {
  it('turns a preset into its stem at -60 dB and names it', async () => {
    const deps = remixDeps();
    await handleInteraction(
      deps,
      command('reduce', [opt('track', '5201'), opt('preset', 'karaoke')]),
      recordingLogger(),
    );
    expect(deps.responder.calls[0]?.arg).toEqual({
      content: '⏳ Remix (karaoke): queued — this message shows the progress, then the MP3.',
    });
    expect(deps.remixJobs[0]).toMatchObject({ stem: 'vocals', gainDb: -60, preset: 'karaoke' });
  });

  it('takes a stem and a gain, and refuses a stem with a preset', async () => {
    const deps = remixDeps();
    await handleInteraction(
      deps,
      command('reduce', [opt('track', '5201'), opt('stem', 'drums'), opt('db', -12)]),
      recordingLogger(),
    );
    expect(deps.remixJobs[0]).toMatchObject({ stem: 'drums', gainDb: -12 });
    expect(deps.remixJobs[0]).not.toHaveProperty('preset');

    const both = remixDeps();
    await handleInteraction(
      both,
      command('reduce', [opt('track', '5201'), opt('stem', 'drums'), opt('preset', 'karaoke')]),
      recordingLogger(),
    );
    expect(both.responder.calls[0]?.arg).toEqual({
      content: '/reduce: choose either a stem or a preset, not both.',
      ephemeral: true,
    });
  });
});
