import { describe, expect, it } from 'vitest';
import { ContractError } from './errors.ts';
import { checkHandlers } from './worker.ts';

const ok = async () => {};

describe('checkHandlers', () => {
  it('accepts exactly one handler per job name', () => {
    expect(() => checkHandlers('suno', { generate: ok, poll: ok, callback: ok })).not.toThrow();
  });

  it('lists missing and unknown names together', () => {
    expect(() => checkHandlers('suno', { generate: ok, status: ok })).toThrow(
      'suno: worker refused to start: no handler for poll, callback; unknown job names status (known: generate, poll, callback)',
    );
  });

  it('refuses a handler that is not a function, a list, or an unknown queue', () => {
    expect(() => checkHandlers('monitor', { 'check-now': 'yes' })).toThrow(/no handler for check-now/);
    expect(() => checkHandlers('monitor', [['check-now', ok]])).toThrow(ContractError);
    expect(() => checkHandlers('metrics', {})).toThrow('metrics: unknown queue');
  });
});
