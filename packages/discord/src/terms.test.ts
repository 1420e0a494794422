import { LOOP_MODES, SKIP, VOLUME } from '@autoalex/terms/player';
import { BOOST, PRESETS, REDUCE, STEMS } from '@autoalex/terms/remix';
import { GENERATE_OPTION_LIMITS, PROVIDER_LIMITS } from '@autoalex/terms/studio';
import type { APIApplicationCommandOption } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { commandByName } from './catalogue.ts';

// The registered catalogue (what Discord shows) says what each capability's terms say.

function option(command: string, name: string): APIApplicationCommandOption & Record<string, unknown> {
  const found = commandByName(command as unknown)?.data.options?.find((o) => o.name === name);
  if (!found) throw new Error(`/${command} has no option ${name}`);
  return found as APIApplicationCommandOption & Record<string, unknown>;
}

const choiceValues = (o: Record<string, unknown>) =>
  ((o.choices as { value: string }[] | undefined) ?? []).map((c) => c.value).sort();

describe('the catalogue follows the terms', () => {
  it('remix: stems, presets and gain ranges', () => {
    expect(choiceValues(option('boost', 'stem'))).toEqual([...STEMS].sort());
    expect(choiceValues(option('reduce', 'stem'))).toEqual([...STEMS].sort());
    expect(choiceValues(option('reduce', 'preset'))).toEqual(Object.keys(PRESETS).sort());
    expect(option('boost', 'db')).toMatchObject({ min_value: BOOST.minDb, max_value: BOOST.maxDb });
    expect(option('reduce', 'db')).toMatchObject({ min_value: REDUCE.minDb, max_value: REDUCE.maxDb });
  });

  it('player: loop modes, volume and skip ranges', () => {
    expect(choiceValues(option('loop', 'mode'))).toEqual([...LOOP_MODES].sort());
    expect(option('volume', 'level')).toMatchObject({ min_value: VOLUME.min, max_value: VOLUME.max });
    expect(option('skip', 'count')).toMatchObject({ min_value: SKIP.min, max_value: SKIP.max });
  });

  it('studio: /generate stays inside the provider limits', () => {
    expect(option('generate', 'prompt')).toMatchObject({ max_length: GENERATE_OPTION_LIMITS.prompt });
    expect(GENERATE_OPTION_LIMITS.prompt).toBeLessThanOrEqual(PROVIDER_LIMITS.simplePrompt);
    expect(GENERATE_OPTION_LIMITS.style).toBeLessThanOrEqual(PROVIDER_LIMITS.style);
    expect(GENERATE_OPTION_LIMITS.title).toBeLessThanOrEqual(PROVIDER_LIMITS.title);
  });
});
