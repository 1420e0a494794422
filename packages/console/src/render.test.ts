import { createMeta } from '@autoalex/contracts';
import { describe, expect, it } from 'vitest';
import { plain, renderConsoleMessage, renderMessage } from './render.ts';

const base = {
  sessionId: '4b3c2d1e-0f9a-4b8c-8d7e-6f5a4b3c2d1e',
  interactionId: '1300000000000000001',
  files: [],
  meta: createMeta(),
};

describe('render', () => {
  it('flattens Markdown emphasis', () => {
    expect(plain('**/play** — *later release* and `code`')).toBe('/play — later release and code');
    expect(plain('2 * 3 * 4')).toBe('2 * 3 * 4');
  });

  it('renders content, embeds, components and attachments as text', () => {
    const text = renderMessage(
      {
        content: 'Here you go',
        flags: 64,
        embeds: [
          {
            title: 'Autoalex: **ok**',
            description: '✅ **web** · ok',
            fields: [{ name: 'redis', value: 'PING answered\nfast' }],
            footer: { text: 'updated now' },
          },
        ],
        components: [
          {
            type: 1,
            components: [
              { type: 2, label: 'Details', custom_id: 'status:x' },
              { type: 2, label: 'Docs', url: 'https://example.com' },
            ],
          },
          { type: 1, components: [{ type: 3, placeholder: 'Pick a song', options: [{}, {}] }] },
        ],
        attachments: [{ id: '0', filename: 'remix.mp3', size: 2_400_000 }],
      },
      [{ storageKey: 'remix/a/remix.mp3', filename: 'remix.mp3' }],
    );
    expect(text).toBe(
      [
        '(only you can see this)',
        'Here you go',
        '== Autoalex: ok ==\n✅ web · ok\nredis\n  PING answered\n  fast\nupdated now',
        '[ Details ] [ Docs ↗ https://example.com ]\n[ Pick a song ▾ (2 choices) ]',
        '📎 remix.mp3 (2.4 MB) — stored at remix/a/remix.mp3',
      ].join('\n\n'),
    );
  });

  it('shows deferrals as progress, suggestions as a list, forms as not showable, acknowledgements not at all', () => {
    const callback = (body: Record<string, unknown>) => renderConsoleMessage({ ...base, kind: 'callback', body });
    expect(callback({ type: 5, data: {} })).toEqual({ text: 'Autoalex is working on it…', progress: true });
    expect(callback({ type: 6 })).toBeUndefined();
    expect(callback({ type: 8, data: { choices: [{ name: '/status', value: 'status' }] } })?.text).toBe('• /status');
    expect(callback({ type: 9, data: { title: 'Lyrics' } })?.text).toBe(
      'This command opens a form (“Lyrics”), which the console cannot show.',
    );
    expect(renderConsoleMessage({ ...base, kind: 'followup', body: { content: 'more' } })?.text).toBe('more');
  });
});
