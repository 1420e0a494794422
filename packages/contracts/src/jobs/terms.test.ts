import { LOOP_MODES, QUEUE_POSITIONS, VOLUME } from '@autoalex/terms/player';
import { GAIN_DB, PRESETS, STEMS } from '@autoalex/terms/remix';
import { SUNO_MODELS } from '@autoalex/terms/studio';
import { describe, expect, it } from 'vitest';
import { examples } from '../examples.ts';
import { parseJob } from '../parse.ts';

// The job schemas accept exactly what each capability's terms allow.

const remix = examples.remix.remix;

describe('job schemas follow the terms', () => {
  it('remix: every stem and preset, the gain range and nothing beyond', () => {
    for (const stem of STEMS) expect(parseJob('remix', 'remix', { ...remix, stem }).stem).toBe(stem);
    for (const preset of Object.keys(PRESETS))
      expect(parseJob('remix', 'remix', { ...remix, preset }).preset).toBe(preset);
    expect(() => parseJob('remix', 'remix', { ...remix, stem: 'no_vocals' })).toThrow();
    expect(parseJob('remix', 'remix', { ...remix, gainDb: GAIN_DB.min }).gainDb).toBe(GAIN_DB.min);
    expect(parseJob('remix', 'remix', { ...remix, gainDb: GAIN_DB.max }).gainDb).toBe(GAIN_DB.max);
    expect(() => parseJob('remix', 'remix', { ...remix, gainDb: GAIN_DB.max + 0.1 })).toThrow();
    expect(() => parseJob('remix', 'remix', { ...remix, gainDb: GAIN_DB.min - 0.1 })).toThrow();
  });

  it('player: loop modes, positions, volume', () => {
    const base = examples.player.loop;
    for (const mode of LOOP_MODES) expect(parseJob('player', 'loop', { ...base, mode }).mode).toBe(mode);
    const play = examples.player.play;
    for (const position of QUEUE_POSITIONS) {
      expect(parseJob('player', 'play', { ...play, position }).position).toBe(position);
    }
    const volume = examples.player.volume;
    expect(() => parseJob('player', 'volume', { ...volume, percent: VOLUME.max + 1 })).toThrow();
  });

  it('studio: every model', () => {
    const generate = examples.suno.generate;
    for (const model of SUNO_MODELS) expect(parseJob('suno', 'generate', { ...generate, model }).model).toBe(model);
  });
});
