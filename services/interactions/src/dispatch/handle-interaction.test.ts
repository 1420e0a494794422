import { catalogue } from '@autoalex/discord';
import { ABANDONED } from '@autoalex/ingress';
import { describe, expect, it } from 'vitest';
import {
  ADMIN_MEMBER,
  command,
  fakeDeps,
  firstMessage,
  interactionJob,
  recordingLogger,
} from '../../test/support/fake-deps.ts';
import { handleInteraction } from './handle-interaction.ts';

function methods(deps: ReturnType<typeof fakeDeps>) {
  return deps.responder.calls.map((c) => c.method);
}

describe('handleInteraction: commands', () => {
  it('/status answers publicly with a summary and a Details button whose state is in Redis', async () => {
    const deps = fakeDeps();
    const outcome = await handleInteraction(deps, command('status'), recordingLogger());
    expect(outcome).toBe('ok');
    const message = firstMessage(deps.responder);
    expect(message.ephemeral).toBeFalsy();
    expect(message.embeds?.[0]?.title).toBe('Autoalex: something is down');
    expect(message.embeds?.[0]?.description).toContain('✅ **interactions** · ok, 1 replica');
    expect(message.embeds?.[0]?.description).toContain('❌ **player** · down, not running');
    const row = message.components?.[0] as { components: { custom_id: string; label: string }[] } | undefined;
    const button = row?.components[0];
    expect(button?.label).toBe('Details');
    expect(deps.states.get(button!.custom_id)).toEqual({ requestedBy: '1300000000000000004' });
    expect(deps.responder.outcome).toBe('ok');
  });

  it('/status details: ephemeral for members, public for admins (ADMINISTRATOR or MANAGE_GUILD)', async () => {
    const member = fakeDeps();
    await handleInteraction(member, command('status', [{ name: 'details', type: 5, value: true }]), recordingLogger());
    const details = firstMessage(member.responder);
    expect(details.ephemeral).toBe(true);
    expect(details.embeds?.[0]?.fields?.map((f) => f.name)).toEqual(['✅ interactions', '❌ player']);
    expect(details.embeds?.[0]?.fields?.[0]?.value).toContain('✅ redis: PING answered (1 ms)');

    const admin = fakeDeps();
    await handleInteraction(
      admin,
      command('status', [{ name: 'details', type: 5, value: true }], ADMIN_MEMBER),
      recordingLogger(),
    );
    expect(firstMessage(admin.responder).ephemeral).toBe(false);
    expect(firstMessage(admin.responder).embeds?.[0]?.fields).toHaveLength(2);
  });

  it('/help lists the catalogue by half, marking what is not available yet, ephemerally', async () => {
    const deps = fakeDeps();
    await handleInteraction(deps, command('help'), recordingLogger());
    const message = firstMessage(deps.responder);
    expect(message.ephemeral).toBe(true);
    expect(message.content).toMatch(
      /^Available now: \/usage, \/completion, \/compare, \/boost, \/reduce, \/status, \/help\./,
    );
    expect(message.embeds?.map((e) => e.title)).toEqual(['Library & server', 'Music studio & player', 'The suite']);
    const text = message.embeds?.map((e) => e.description).join('\n') ?? '';
    for (const c of catalogue) expect(text).toContain(`**/${c.name}**`);
    expect(text).toContain('**/play** — Play a song from the library, or search for one · *later release*');
    expect(text).toMatch(/\*\*\/status\*\* — [^\n]*[^*]$/m);
    for (const name of ['usage', 'completion', 'compare', 'boost', 'reduce']) {
      expect(text).toMatch(new RegExp(`\\*\\*/${name}\\*\\* — [^\\n]*[^*]$`, 'm'));
    }
  });

  it('/help command: explains one command, and says so for an unknown one', async () => {
    const deps = fakeDeps();
    await handleInteraction(deps, command('help', [{ name: 'command', type: 3, value: '/filter' }]), recordingLogger());
    const embed = firstMessage(deps.responder).embeds?.[0];
    expect(embed?.title).toBe('/filter');
    expect(embed?.description).toContain('`/filter genre name:` — Only pick songs of this genre');
    expect(embed?.description).toContain('Not available yet: genre and style filtering arrives in a later release.');

    const unknown = fakeDeps();
    const outcome = await handleInteraction(
      unknown,
      command('help', [{ name: 'command', type: 3, value: 'nope' }]),
      recordingLogger(),
    );
    expect(outcome).toBe('rejected');
    expect(firstMessage(unknown.responder)).toEqual({
      content: 'There is no /nope. `/help` lists every command.',
      ephemeral: true,
    });
    expect(unknown.responder.outcome).toBe('error');
  });

  it('every other command answers honestly that it is not available yet, whatever its options', async () => {
    const deps = fakeDeps();
    const outcome = await handleInteraction(
      deps,
      command('volume', [{ name: 'level', type: 4, value: 500 }]),
      recordingLogger(),
    );
    expect(outcome).toBe('rejected');
    expect(firstMessage(deps.responder)).toEqual({
      content: '/volume is not available yet — the voice player arrives in a later release.',
      ephemeral: true,
    });
  });

  it('answers invalid options with the messages of parseOptions', async () => {
    const deps = fakeDeps();
    const outcome = await handleInteraction(
      deps,
      command('status', [
        { name: 'details', type: 5, value: 'yes' },
        { name: 'colour', type: 3, value: 'red' },
      ]),
      recordingLogger(),
    );
    expect(outcome).toBe('rejected');
    expect(firstMessage(deps.responder)).toEqual({
      content: "/status did not work:\n• unknown option 'colour'\n• details must be true or false",
      ephemeral: true,
    });
  });

  it('answers an unknown command (a stale registration) with what to do', async () => {
    const deps = fakeDeps();
    await handleInteraction(deps, command('ping'), recordingLogger());
    expect(firstMessage(deps.responder).content).toMatch(/^Autoalex does not know \/ping\..*bin\/alex deploy-commands/);
  });

  it('rate-limits with a short ephemeral note, and never counts autocomplete', async () => {
    let counted = 0;
    const deps = fakeDeps({
      rateLimit: async () => {
        counted += 1;
        return { allowed: false, scope: 'user', retryAfterSeconds: 7 };
      },
    });
    expect(await handleInteraction(deps, command('status'), recordingLogger())).toBe('rejected');
    expect(firstMessage(deps.responder)).toEqual({
      content: 'You are going a little fast — wait 7 s and try again.',
      ephemeral: true,
    });
    const auto = fakeDeps({ rateLimit: deps.rateLimit });
    await handleInteraction(
      auto,
      interactionJob({
        type: 4,
        data: { name: 'help', type: 1, options: [{ name: 'command', type: 3, value: 'st', focused: true }] },
      }),
      recordingLogger(),
    );
    expect(counted).toBe(1);
    expect(auto.responder.calls[0]?.method).toBe('autocomplete');
  });
});

describe('handleInteraction: autocomplete', () => {
  it('suggests command names for /help command:, names that start with the text first', async () => {
    const deps = fakeDeps();
    await handleInteraction(
      deps,
      interactionJob({
        type: 4,
        data: { name: 'help', type: 1, options: [{ name: 'command', type: 3, value: 'st', focused: true }] },
      }),
      recordingLogger(),
    );
    const choices = deps.responder.calls[0]?.arg as { value: string }[];
    // Names that start with the text (catalogue order), then names that contain it.
    expect(choices.map((c) => c.value)).toEqual([
      'stop',
      'status',
      'boost',
      'playlast',
      'create-playlist',
      'add-to-playlist',
      'remove-from-playlist',
      'switch-playlist',
    ]);
    expect(choices[1]).toEqual({
      name: '/status — Health of the suite: Discord, Plex, queues and workers',
      value: 'status',
    });
  });

  it('offers only the honest "later release" line for a command that is not available', async () => {
    const deps = fakeDeps();
    await handleInteraction(
      deps,
      interactionJob({
        type: 4,
        data: { name: 'play', type: 1, options: [{ name: 'song', type: 3, value: 'bl', focused: true }] },
      }),
      recordingLogger(),
    );
    expect(deps.responder.calls[0]).toEqual({
      method: 'autocomplete',
      arg: [{ name: 'The voice player arrives in a later release', value: 'not-available' }],
    });
  });
});

describe('handleInteraction: components', () => {
  it('answers the Details button with fresh details, ephemerally', async () => {
    const deps = fakeDeps();
    deps.states.set('status:abc', { requestedBy: '1300000000000000004' });
    const job = interactionJob({ type: 3, data: { component_type: 2, custom_id: 'status:abc' } });
    expect(await handleInteraction(deps, job, recordingLogger())).toBe('ok');
    const message = firstMessage(deps.responder);
    expect(message.ephemeral).toBe(true);
    expect(message.embeds?.[0]?.fields).toHaveLength(2);
  });

  it('says a button, menu or form has expired when its state is gone or its id is garbage', async () => {
    const cases = [
      [
        { type: 3, data: { component_type: 2, custom_id: 'status:gone' } },
        'This button has expired — run /status again.',
      ],
      [
        { type: 3, data: { component_type: 2, custom_id: '../../etc' } },
        'This button has expired — run the command again.',
      ],
      [
        { type: 3, data: { component_type: 3, custom_id: 'queue:abc', values: ['1'] } },
        'This menu has expired — run /queue again.',
      ],
      [
        { type: 5, data: { custom_id: 'confirm:abc', components: [] } },
        'This form has expired — run the command again.',
      ],
      [{ type: 3, data: { component_type: 2 } }, 'This button has expired — run the command again.'],
    ] as const;
    for (const [interaction, content] of cases) {
      const deps = fakeDeps();
      expect(await handleInteraction(deps, interactionJob(interaction), recordingLogger())).toBe('rejected');
      expect(firstMessage(deps.responder)).toEqual({ content, ephemeral: true });
    }
  });

  it('treats state that does not fit the component as expired', async () => {
    const deps = fakeDeps();
    deps.states.set('status:abc', { requestedBy: 42 });
    await handleInteraction(
      deps,
      interactionJob({ type: 3, data: { component_type: 2, custom_id: 'status:abc' } }),
      recordingLogger(),
    );
    expect(firstMessage(deps.responder).content).toBe('This button has expired — run /status again.');
  });
});

describe('handleInteraction: ownership and faults', () => {
  it('drops a job the deadline guard abandoned, without answering', async () => {
    const deps = fakeDeps();
    const job = command('status');
    deps.claims.values.set(`${job.interaction.id}:handled`, ABANDONED);
    expect(await handleInteraction(deps, job, recordingLogger())).toBe('dropped');
    expect(deps.responder.calls).toEqual([]);
  });

  it('goes on when another pickup took `handled` (a stalled job taken again)', async () => {
    const deps = fakeDeps();
    const job = command('help');
    deps.claims.values.set(`${job.interaction.id}:handled`, 'interactions:other-1');
    expect(await handleInteraction(deps, job, recordingLogger())).toBe('ok');
  });

  it('sends the answer as an edit of @original when the guard won `ack`', async () => {
    const deps = fakeDeps();
    const job = command('status');
    deps.claims.values.set(`${job.interaction.id}:ack`, 'guard');
    await handleInteraction(deps, job, recordingLogger());
    expect(methods(deps)).toEqual(['editOriginal', 'complete']);
  });

  it('replaces a public guard deferral when the answer must be ephemeral', async () => {
    const deps = fakeDeps();
    const job = command('play', [{ name: 'song', type: 3, value: 'x' }]); // /play defers publicly
    deps.claims.values.set(`${job.interaction.id}:ack`, 'guard');
    await handleInteraction(deps, job, recordingLogger());
    expect(deps.responder.calls.slice(0, 2)).toEqual([
      { method: 'deleteOriginal' },
      {
        method: 'followUp',
        arg: { content: '/play is not available yet — the voice player arrives in a later release.', ephemeral: true },
      },
    ]);
  });

  it('logs a fault once with the correlation id and tells the user, ephemerally', async () => {
    const log = recordingLogger();
    const deps = fakeDeps({
      readHealth: async () => {
        throw new Error('boom');
      },
    });
    const job = command('status');
    expect(await handleInteraction(deps, job, log)).toBe('failed');
    const errors = log.lines.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      message: 'interaction failed',
      fields: { correlationId: job.meta.correlationId, command: 'status', route: 'command' },
    });
    expect(firstMessage(deps.responder)).toEqual({
      content: `Something went wrong on our side — try again in a minute. (reference ${job.meta.correlationId.slice(0, 8)})`,
      ephemeral: true,
    });
    expect(deps.responder.outcome).toBe('error');
  });

  it('answers nothing it cannot reach and says so in the log', async () => {
    const log = recordingLogger();
    const deps = fakeDeps({ responderFor: () => undefined });
    expect(await handleInteraction(deps, command('status'), log)).toBe('unanswerable');
    expect(log.lines.map((l) => l.message)).toContain(
      'dropped: a console interaction whose token is not a console session id',
    );
  });
});
