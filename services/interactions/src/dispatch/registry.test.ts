import { commandByName, commandNames } from '@autoalex/discord';
import { describe, expect, it } from 'vitest';
import type { CommandModule } from '../handler-types.ts';
import { comingLater, notAvailableText } from './capabilities.ts';
import * as help from './help.ts';
import { buildCommandRegistry } from './index.ts';
import * as status from './status.ts';

describe('command registry', () => {
  it('has exactly one handler for every catalogue command, with the catalogue data', () => {
    const registry = buildCommandRegistry();
    expect([...registry.keys()].sort()).toEqual([...commandNames].sort());
    for (const name of commandNames) expect(registry.get(name)?.data).toBe(commandByName(name)?.data);
    expect(registry.get('status')).toBe(status);
    expect(registry.get('help')).toBe(help);
    const shared = commandNames.filter((n) => registry.get(n)?.unavailable === true);
    expect(shared.sort()).toEqual(Object.keys(comingLater).sort());
  });

  it('refuses to start when a command has no handler, two, or is not in the catalogue', () => {
    const { status: _s, ...withoutStatus } = { status: status as CommandModule, help: help as CommandModule };
    expect(() => buildCommandRegistry(withoutStatus)).toThrow(
      /\/status has no handler and is not listed as coming later/,
    );
    expect(() =>
      buildCommandRegistry(
        { status: status as CommandModule, help: help as CommandModule },
        { ...comingLater, help: 'x' },
      ),
    ).toThrow(/\/help has a handler and is also listed as coming later/);
    expect(() =>
      buildCommandRegistry(
        { status: status as CommandModule, help: help as CommandModule },
        { ...comingLater, ...({ dance: 'Dancing' } as Record<string, string>) },
      ),
    ).toThrow(/\/dance is not in the catalogue/);
    expect(() =>
      buildCommandRegistry({
        status: { ...status, data: { ...status.data } } as CommandModule,
        help: help as CommandModule,
      }),
    ).toThrow(/\/status: the handler's data is not the catalogue's/);
  });

  it('phrases the not-available answer from the capability', () => {
    expect(notAvailableText('generate', comingLater.generate)).toBe(
      '/generate is not available yet — AI song generation arrives in a later release.',
    );
  });
});
