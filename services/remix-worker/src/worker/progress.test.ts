import type { OutgoingMessage, Responder } from '@autoalex/discord';
import { describe, expect, it } from 'vitest';
import { createProgressMessage } from './progress.ts';

function recorder(fail = false) {
  const edits: string[] = [];
  let release: () => void = () => {};
  let gate: Promise<void> = Promise.resolve();
  const responder = {
    kind: 'console',
    editOriginal: async (message: OutgoingMessage) => {
      await gate;
      if (fail && !message.content?.startsWith('✅')) throw new Error('Discord is down');
      edits.push(message.content ?? '');
      return { id: '1', channelId: undefined };
    },
  } as unknown as Responder;
  return {
    responder,
    edits,
    hold() {
      gate = new Promise((resolve) => {
        release = resolve;
      });
    },
    release: () => release(),
  };
}

const spec = { stem: 'bass' as const, gainDb: 4 };

describe('createProgressMessage', () => {
  it('edits one message in order: phases at once, percent changes at most every interval', async () => {
    let now = 0;
    const r = recorder();
    const phases: string[] = [];
    const progress = createProgressMessage(
      r.responder,
      { spec },
      {
        now: () => now,
        minIntervalMs: 2000,
        onPhase: (p) => phases.push(p.name),
      },
    );
    progress.phase({ name: 'downloading' });
    progress.setSubject({ spec, title: 'Song' });
    progress.phase({ name: 'separating', percent: 0 });
    now = 500;
    progress.phase({ name: 'separating', percent: 10 }); // dropped: too soon
    now = 2600;
    progress.phase({ name: 'separating', percent: 50 });
    progress.phase({ name: 'mixing' });
    progress.phase({ name: 'mixing' }); // same text: not sent again
    await progress.finish({ content: '✅ done' });
    expect(r.edits).toEqual([
      '⬇️ Remix (bass +4 dB): downloading the track…',
      '🎚️ **Song** (bass +4 dB): separating the bass… 0 %',
      '🎚️ **Song** (bass +4 dB): separating the bass… 50 %',
      '🎛️ **Song** (bass +4 dB): mixing and encoding the MP3…',
      '✅ done',
    ]);
    expect(phases).toEqual(['downloading', 'separating', 'separating', 'separating', 'mixing', 'mixing']);
  });

  it('sends the final edit after the ones in flight, and survives failed progress edits', async () => {
    const r = recorder(true);
    const warnings: string[] = [];
    const progress = createProgressMessage(r.responder, { spec }, { logger: { warn: (_f, m) => warnings.push(m) } });
    r.hold();
    progress.phase({ name: 'downloading' });
    progress.phase({ name: 'mixing' });
    const finished = progress.finish({ content: '✅ done' });
    r.release();
    await finished;
    expect(r.edits).toEqual(['✅ done']);
    expect(warnings).toEqual([
      'could not edit the remix progress message',
      'could not edit the remix progress message',
    ]);
  });
});
