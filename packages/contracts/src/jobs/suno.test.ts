import { describe, expect, it } from 'vitest';
import { examples } from '../examples.ts';
import { parseJob } from '../parse.ts';

const simple = examples.suno.generate;
const custom = { ...simple, mode: 'custom', style: 'lo-fi jazz', title: 'Rain', prompt: '[Verse]\nDrops on the glass' };

describe('suno jobs', () => {
  it('fills defaults of generate and poll', () => {
    const parsed = parseJob('suno', 'generate', simple);
    expect(parsed.instrumental).toBe(false);
    expect(parseJob('suno', 'poll', examples.suno.poll).pollCount).toBe(0);
    expect(parseJob('suno', 'generate', custom).mode).toBe('custom');
    expect(parseJob('suno', 'generate', { ...custom, prompt: '', instrumental: true }).prompt).toBe('');
  });

  it.each([
    [{ ...simple, prompt: '' }, 'prompt: is required in simple mode'],
    [{ ...simple, prompt: 'x'.repeat(501) }, 'prompt: must be at most 500 characters in simple mode'],
    [{ ...custom, style: undefined }, 'style: is required in custom mode'],
    [{ ...custom, title: undefined }, 'title: is required in custom mode'],
    [{ ...custom, prompt: '' }, 'prompt: must hold the lyrics unless instrumental'],
    [{ ...simple, model: 'V9' }, 'model: '],
    [{ ...simple, generationId: 'gen-1' }, 'generationId: must be a UUID'],
  ])('rejects a bad generate request (%#)', (payload, message) => {
    expect(() => parseJob('suno', 'generate', payload)).toThrow(message);
  });

  it('checks task ids and callback stages', () => {
    expect(() => parseJob('suno', 'poll', { ...examples.suno.poll, taskId: 'a b' })).toThrow('taskId: ');
    expect(() => parseJob('suno', 'callback', { ...examples.suno.callback, stage: 'done' })).toThrow('stage: ');
    expect(parseJob('suno', 'callback', examples.suno.callback).body).toEqual(examples.suno.callback.body);
  });
});
