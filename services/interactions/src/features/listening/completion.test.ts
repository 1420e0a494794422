import { randomUUID } from 'node:crypto';
import type { OutgoingMessage } from '@autoalex/discord';
import { renderCompletionText } from '@autoalex/listening';
import { completionView } from '@autoalex/listening/testing';
import { describe, expect, it } from 'vitest';
import {
  command,
  FAKE_PNG,
  fakeDeps,
  fakeLibrary,
  interactionJob,
  recordingLogger,
} from '../../../test/support/fake-deps.ts';
import { handleInteraction } from '../../dispatch/handle-interaction.ts';

const artist = (value: string) => ({ name: 'artist', type: 3, value });
const user = (value: string) => ({ name: 'user', type: 3, value });
const INVOKER = '1300000000000000004';

function methods(deps: ReturnType<typeof fakeDeps>): string[] {
  return deps.responder.calls.map((c) => c.method);
}

function edited(deps: ReturnType<typeof fakeDeps>): OutgoingMessage {
  const call = deps.responder.calls.find((c) => c.method === 'editOriginal');
  if (!call) throw new Error(`no edit: ${methods(deps).join(', ')}`);
  return call.arg as OutgoingMessage;
}

describe('/completion', () => {
  it("defaults to the invoker's linked Plex user and answers with the card in an embed", async () => {
    const asked: unknown[] = [];
    const deps = fakeDeps({
      library: fakeLibrary({
        linkedPlexUser: async (discordId) => (discordId === INVOKER ? 1001 : undefined),
        completion: async (input) => {
          asked.push(input);
          return completionView;
        },
      }),
    });
    expect(await handleInteraction(deps, command('completion', [artist('artist:5001')]), recordingLogger())).toBe('ok');
    expect(asked).toEqual([{ artist: 'artist:5001', plexUserId: 1001 }]);
    expect(methods(deps)).toEqual(['defer', 'editOriginal', 'complete']);
    const message = edited(deps);
    expect(message.files).toEqual([
      {
        name: 'completion.png',
        data: FAKE_PNG,
        contentType: 'image/png',
        description: 'Alice × Miles Davis: 83.3 % heard, 5 of 6 tracks',
      },
    ]);
    expect(message.embeds).toEqual([
      {
        title: 'Alice × Miles Davis',
        description: [
          '**83.3 %** heard — 5 of 6 tracks',
          '1 album finished, 1 in progress',
          'Last play: So What (Kind of Blue) on 2026-01-10, 40 % (not counted)',
        ].join('\n'),
        color: 0xe5a00d,
        image: { url: 'attachment://completion.png' },
        footer: { text: 'A play counts when Tautulli marks it played or it reached 50 %.' },
      },
    ]);
  });

  it('takes a Plex user from the option (picked id or typed name)', async () => {
    const asked: unknown[] = [];
    const deps = fakeDeps({
      library: fakeLibrary({
        findPlexUser: async (text) =>
          text === 'bob' ? { kind: 'found', plexUserId: 1002, name: 'Bob', username: 'bob_plex' } : fakeMiss(text),
        completion: async (input) => {
          asked.push(input);
          return completionView;
        },
      }),
    });
    await handleInteraction(deps, command('completion', [artist('Miles Davis'), user('bob')]), recordingLogger());
    expect(asked).toEqual([{ artist: 'Miles Davis', plexUserId: 1002 }]);
  });

  it('sends the text on the console, with the card attached', async () => {
    const deps = fakeDeps(
      { library: fakeLibrary({ linkedPlexUser: async () => 1001, completion: async () => completionView }) },
      { kind: 'console' },
    );
    const job = interactionJob(
      { type: 2, token: randomUUID(), data: { name: 'completion', type: 1, options: [artist('Miles Davis')] } },
      'console',
    );
    expect(await handleInteraction(deps, job, recordingLogger())).toBe('ok');
    const message = edited(deps);
    expect(message.content).toBe(renderCompletionText(completionView));
    expect(message.embeds).toBeUndefined();
    expect(message.files?.map((f) => f.name)).toEqual(['completion.png']);
  });

  it('falls back to the text rendering when the card cannot be drawn', async () => {
    const logger = recordingLogger();
    const deps = fakeDeps({
      library: fakeLibrary({ linkedPlexUser: async () => 1001, completion: async () => completionView }),
      cards: {
        completion: async () => {
          throw new Error('no canvas here');
        },
        compare: async () => FAKE_PNG,
      },
    });
    expect(await handleInteraction(deps, command('completion', [artist('Miles Davis')]), logger)).toBe('ok');
    const message = edited(deps);
    expect(message.files).toEqual([]);
    expect(message.embeds?.[0]?.description).toBe(`\`\`\`\n${renderCompletionText(completionView)}\n\`\`\``);
    expect(logger.lines.find((l) => l.level === 'warn')?.message).toBe(
      'the card could not be drawn; answering with the text',
    );
  });

  it('says how to link when no user is given and none is linked', async () => {
    const deps = fakeDeps();
    expect(await handleInteraction(deps, command('completion', [artist('Miles Davis')]), recordingLogger())).toBe(
      'rejected',
    );
    expect(deps.responder.calls[0]).toEqual({
      method: 'reply',
      arg: {
        content:
          '/completion counts the plays of your Plex account, and your Discord account is not linked to one yet. Name a Plex user instead: `/completion artist:<artist> user:<Plex user>` (start typing in `user` to pick one).',
        ephemeral: true,
      },
    });
  });

  it('says so for an unknown user, with close names', async () => {
    const deps = fakeDeps({
      library: fakeLibrary({
        findPlexUser: async (text) => ({ kind: 'not-found', text, suggestions: ['Alice (alice_plex)'] }),
      }),
    });
    expect(
      await handleInteraction(deps, command('completion', [artist('Miles Davis'), user('alic')]), recordingLogger()),
    ).toBe('rejected');
    expect(deps.responder.calls[0]?.arg).toEqual({
      content:
        '"alic" is not a Plex user Autoalex knows (Tautulli\'s users, as of the last library sync). Did you mean: Alice (alice_plex)?',
      ephemeral: true,
    });
  });

  it('says so for an unknown artist, ephemerally and without deferring', async () => {
    const deps = fakeDeps({
      library: fakeLibrary({
        linkedPlexUser: async () => 1001,
        completion: async () => ({ kind: 'unknown-artist', query: 'Miles Davs', suggestions: ['Miles Davis'] }),
      }),
    });
    expect(await handleInteraction(deps, command('completion', [artist('Miles Davs')]), recordingLogger())).toBe(
      'rejected',
    );
    expect(methods(deps)).toEqual(['reply', 'complete']);
    expect(deps.responder.calls[0]?.arg).toEqual({
      content: '"Miles Davs" is not an artist in the Plex library. Did you mean: Miles Davis?',
      ephemeral: true,
    });
  });

  it('suggests artists and Plex users from the library reads', async () => {
    const deps = fakeDeps({
      library: fakeLibrary({
        artistChoices: async (text) => [{ name: `artist ${text}`, value: 'artist:5001' }],
        plexUserChoices: async (text) => [{ name: `user ${text}`, value: '1001' }],
      }),
    });
    const focused = (name: string, value: string) =>
      interactionJob({
        type: 4,
        data: { name: 'completion', type: 1, options: [{ name, type: 3, value, focused: true }] },
      });
    await handleInteraction(deps, focused('artist', 'mil'), recordingLogger());
    await handleInteraction(deps, focused('user', 'al'), recordingLogger());
    expect(deps.responder.calls.filter((c) => c.method === 'autocomplete').map((c) => c.arg)).toEqual([
      [{ name: 'artist mil', value: 'artist:5001' }],
      [{ name: 'user al', value: '1001' }],
    ]);
  });
});

function fakeMiss(text: string) {
  return { kind: 'not-found' as const, text, suggestions: [] };
}
