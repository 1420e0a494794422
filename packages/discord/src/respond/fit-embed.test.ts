import { describe, expect, it } from 'vitest';
import { fitEmbed } from './fit-embed.ts';

function size(embed: ReturnType<typeof fitEmbed>): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

describe('fitEmbed', () => {
  it('keeps an embed that fits as it is', () => {
    const embed = { title: 'x', description: 'y', fields: [{ name: 'a', value: 'b' }] };
    expect(fitEmbed(embed)).toEqual(embed);
  });

  it('clips every part to Discord limits and the total to the budget', () => {
    const fitted = fitEmbed({
      title: 't'.repeat(300),
      description: 'd'.repeat(5000),
      fields: Array.from({ length: 30 }, (_, i) => ({ name: `field ${i}`, value: 'v'.repeat(2000) })),
    });
    expect(fitted.title).toHaveLength(256);
    expect(fitted.fields).toHaveLength(25);
    expect(fitted.fields?.every((f) => f.value.length <= 1024)).toBe(true);
    expect(size(fitted)).toBeLessThanOrEqual(6000);
    expect(fitted.fields?.[0]?.value.endsWith('…')).toBe(true);
  });

  it('fits a smaller budget, and never leaves a field empty', () => {
    const fitted = fitEmbed({ description: 'd'.repeat(3000), fields: [{ name: '', value: '' }] }, 1000);
    expect(size(fitted)).toBeLessThanOrEqual(1000);
    expect(fitted.fields?.[0]).toEqual({ name: '\u200b', value: '\u200b' });
  });
});
