import { describe, expect, it } from 'vitest';
import { fakeDeps, interactionJob } from '../../test/support/fake-deps.ts';
import { route } from './router.ts';

const { registries } = fakeDeps();
const routeOf = (interaction: Record<string, unknown>) => route(registries, interactionJob(interaction).interaction);

describe('route', () => {
  it('routes chat-input commands and autocomplete by command name', () => {
    expect(routeOf({ type: 2, data: { name: 'status', type: 1 } })).toMatchObject({ kind: 'command', name: 'status' });
    expect(routeOf({ type: 4, data: { name: 'help', type: 1 } })).toMatchObject({ kind: 'autocomplete', name: 'help' });
    const play = routeOf({ type: 2, data: { name: 'play', type: 1 } });
    expect(play).toMatchObject({ kind: 'command', name: 'play', module: { unavailable: true } });
  });

  it('calls a name outside the catalogue, or a context-menu command, unknown', () => {
    expect(routeOf({ type: 2, data: { name: 'ping', type: 1 } })).toEqual({ kind: 'unknown-command', name: 'ping' });
    expect(routeOf({ type: 2, data: { name: 'status', type: 2 } })).toEqual({
      kind: 'unknown-command',
      name: 'status',
    });
    expect(routeOf({ type: 2, data: { name: '__proto__', type: 1 } })).toEqual({
      kind: 'unknown-command',
      name: '__proto__',
    });
    expect(routeOf({ type: 2, data: 'nonsense' })).toEqual({ kind: 'unknown-command', name: undefined });
  });

  it('routes components and form submits by custom_id prefix; anything else has expired', () => {
    expect(routeOf({ type: 3, data: { component_type: 2, custom_id: 'status:k1' } })).toMatchObject({
      kind: 'component',
      id: { prefix: 'status', stateKey: 'k1' },
    });
    expect(routeOf({ type: 3, data: { component_type: 2, custom_id: 'library:k1' } })).toEqual({
      kind: 'expired',
      noun: 'button',
      command: 'library',
    });
    expect(routeOf({ type: 3, data: { component_type: 3, custom_id: 'evil:k1' } })).toEqual({
      kind: 'expired',
      noun: 'menu',
      command: undefined,
    });
    expect(routeOf({ type: 5, data: { custom_id: 'x'.repeat(500) } })).toEqual({
      kind: 'expired',
      noun: 'form',
      command: undefined,
    });
  });

  it('ignores PING', () => {
    expect(routeOf({ type: 1 })).toMatchObject({ kind: 'ignore' });
  });
});
