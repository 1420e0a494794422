import { commandByName, commandNames } from '@autoalex/discord';
import { describe, expect, it } from 'vitest';
import { fakeDeps } from '../../test/support/fake-deps.ts';
import { features } from '../features/index.ts';
import { comingLater, notAvailableText } from '../features/suite/capabilities.ts';
import * as help from '../features/suite/help.ts';
import { notAvailable } from '../features/suite/not-available.ts';
import * as status from '../features/suite/status.ts';
import { statusDetails } from '../features/suite/status-details.ts';
import { type CommandModule, defineFeature, type Feature } from './handler.ts';
import { buildRegistries } from './registry.ts';

/** The registry of one feature holding `commands`, beside the real not-yet-landed table (or another). */
function registryOf(
  commands: Feature<unknown, never>['commands'],
  later: Partial<Record<string, string>> = comingLater,
  more: Record<string, Feature<unknown, never>> = {},
) {
  const suite = defineFeature({ deps: () => ({}), commands });
  return buildRegistries({ suite, ...more }, { suite: {} }, { comingLater: later, notAvailable });
}

describe('command registry', () => {
  it('has exactly one handler for every catalogue command, with the catalogue data', () => {
    const { commands: registry } = fakeDeps().registries;
    expect([...registry.keys()].sort()).toEqual([...commandNames].sort());
    for (const name of commandNames) expect(registry.get(name)?.module.data).toBe(commandByName(name)?.data);
    expect(registry.get('status')?.module).toBe(status);
    expect(registry.get('help')?.module).toBe(help);
    const shared = commandNames.filter((n) => registry.get(n)?.module.unavailable === true);
    expect(shared.sort()).toEqual(Object.keys(comingLater).sort());
  });

  it('refuses to start when a command has no handler, two, or is not in the catalogue', () => {
    const { status: _s, ...withoutStatus } = { status: status as CommandModule<unknown>, help };
    expect(() => registryOf(withoutStatus)).toThrow(/\/status has no handler and is not listed as coming later/);
    expect(() => registryOf({ status, help }, { ...comingLater, help: 'x' })).toThrow(
      /\/help has a handler and is also listed as coming later/,
    );
    expect(() => registryOf({ status, help }, { ...comingLater, dance: 'Dancing' })).toThrow(
      /\/dance is not in the catalogue/,
    );
    expect(() => registryOf({ status: { ...status, data: { ...status.data } }, help })).toThrow(
      /\/status: the handler's data is not the catalogue's/,
    );
    const other = defineFeature({ deps: () => ({}), commands: { status } });
    expect(() => registryOf({ status, help }, comingLater, { other })).toThrow(
      /\/status has two handlers \(features suite and other\)/,
    );
  });

  it('refuses two component families with one custom_id prefix', () => {
    const twice = defineFeature({ deps: () => ({}), commands: {}, components: [statusDetails] });
    const suite = defineFeature({ deps: () => ({}), commands: { status, help }, components: [statusDetails] });
    expect(() => buildRegistries({ suite, twice }, { suite: {}, twice: {} }, { comingLater, notAvailable })).toThrow(
      /component registry: two handlers for prefix 'status'/,
    );
  });

  it('hands each handler the deps of its own feature', () => {
    const deps = { listening: { of: 'listening' }, remix: { of: 'remix' }, suite: { of: 'suite' } };
    const { commands, components } = buildRegistries(features, deps, { comingLater, notAvailable });
    expect(commands.get('usage')?.deps).toBe(deps.listening);
    expect(commands.get('boost')?.deps).toBe(deps.remix);
    expect(commands.get('status')?.deps).toBe(deps.suite);
    expect(components.get('status')?.deps).toBe(deps.suite);
    expect(commands.get('play')?.deps).toBeUndefined();
  });

  it('phrases the not-available answer from the capability', () => {
    expect(notAvailableText('generate', comingLater.generate)).toBe(
      '/generate is not available yet — AI song generation arrives in a later release.',
    );
  });
});
