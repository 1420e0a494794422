import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './args.ts';

describe('parseCliArgs', () => {
  it('reads the issue example, a negative gain after --db included', () => {
    expect(parseCliArgs(['song.flac', '--stem', 'vocals', '--db', '-60', '-o', 'out.mp3'])).toMatchObject({
      ok: true,
      command: {
        kind: 'remix',
        input: 'song.flac',
        output: 'out.mp3',
        spec: { stem: 'vocals', gainDb: -60 },
        bitrateKbps: 320,
      },
    });
    expect(parseCliArgs(['song.flac', '--stem=bass', '--db=4.5'])).toMatchObject({
      command: { spec: { stem: 'bass', gainDb: 4.5 } },
    });
  });

  it('takes presets, --boost and --reduce with their defaults', () => {
    expect(parseCliArgs(['a.mp3', '--preset', 'karaoke'])).toMatchObject({
      command: { spec: { stem: 'vocals', gainDb: -60, preset: 'karaoke' } },
    });
    expect(parseCliArgs(['a.mp3', '--stem', 'drums', '--boost'])).toMatchObject({ command: { spec: { gainDb: 4 } } });
    expect(parseCliArgs(['a.mp3', '--stem', 'drums', '--reduce'])).toMatchObject({
      command: { spec: { gainDb: -60 } },
    });
  });

  it('reads the model commands', () => {
    expect(parseCliArgs(['--fetch-models', '--url', 'http://nas.local/models', '--stems', 'vocals,bass'])).toEqual({
      ok: true,
      command: { kind: 'fetch-models', url: 'http://nas.local/models', stems: ['vocals', 'bass'], models: undefined },
    });
    expect(parseCliArgs(['--models-status', '--models', '/m', '--verify'])).toEqual({
      ok: true,
      command: { kind: 'models-status', models: '/m', verify: true },
    });
    expect(parseCliArgs(['--help'])).toEqual({ ok: true, command: { kind: 'help' } });
  });

  it('says what is wrong', () => {
    const problem = (argv: string[]) => {
      const parsed = parseCliArgs(argv);
      return parsed.ok ? undefined : parsed.problem;
    };
    expect(problem(['--stem', 'vocals', '--db', '-6'])).toBe('give the input audio file');
    expect(problem(['a.mp3', '--stem', 'vocals', '--db', 'loud'])).toBe('--db takes a number of dB, not "loud"');
    expect(problem(['a.mp3', '--stem', 'vocals', '--db', '20'])).toBe(
      'a boost must be between +0.5 and +12 dB, not +20 dB',
    );
    expect(problem(['a.mp3', '--stem', 'vocals', '--db'])).toBe('--db needs a value');
    expect(problem(['a.mp3', '--stem', 'vocals', '--boost', '--reduce'])).toBe('choose --boost or --reduce, not both');
    expect(problem(['a.mp3', '--preset', 'karaoke', '--volume', '3'])).toBe('unknown option --volume');
    expect(problem(['a.mp3', 'b.mp3', '--preset', 'karaoke'])).toMatch(/one input file/);
    expect(problem(['a.mp3', '--preset', 'karaoke', '--bitrate', '100'])).toMatch(/--bitrate takes one of/);
    expect(problem(['a.mp3', '--preset', 'karaoke', '--threads', '0'])).toMatch(/--threads takes a whole number/);
    expect(problem(['--fetch-models'])).toMatch(/needs --url/);
    expect(problem(['--fetch-models', '--url', 'ftp://x'])).toMatch(/http/);
    expect(problem(['--fetch-models', '--url', 'http://x', '--stems', 'piano'])).toMatch(/--stems takes/);
  });
});
