import { describe, expect, it } from 'vitest';
import { type ArgSpec, BenchUsageError, parseArgs } from './args.ts';

const spec = {
  rate: { kind: 'number', default: 200, min: 1, max: 5000, help: 'per second' },
  worker: { kind: 'choice', default: 'process', choices: ['process', 'in-process'], help: 'where' },
  redis: { kind: 'string', default: 'dedicated', help: 'which' },
} satisfies ArgSpec;

describe('bench args', () => {
  it('fills defaults and reads --name value and --name=value', () => {
    expect(parseArgs(spec, [])).toEqual({ rate: 200, worker: 'process', redis: 'dedicated' });
    expect(parseArgs(spec, ['--rate', '50', '--worker=in-process', '--redis', 'redis://h:1'])).toEqual({
      rate: 50,
      worker: 'in-process',
      redis: 'redis://h:1',
    });
  });

  it('lists every problem at once, with the options', () => {
    let error: unknown;
    try {
      parseArgs(spec, ['--rate', '0', '--worker', 'thread', '--nope', '1', 'stray', '--redis']);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(BenchUsageError);
    const message = (error as Error).message;
    expect(message).toContain('--rate must be a number from 1 to 5000 (got "0")');
    expect(message).toContain('--worker must be one of process, in-process (got "thread")');
    expect(message).toContain('unknown option --nope');
    expect(message).toContain('unexpected argument "1"');
    expect(message).toContain('unexpected argument "stray"');
    expect(message).toContain('--redis needs a value');
    expect(message).toContain('--worker (process|in-process)  where [default: process]');
  });
});
