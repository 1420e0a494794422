import type { APIEmbed } from 'discord-api-types/v10';

// Discord's embed limits: title 256, description 4096, 25 fields, field name 256, field value 1024,
// footer 2048, and 6000 characters across all of them (per message, across all embeds).

export const EMBED_TOTAL = 6000;

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** The characters of an embed that count towards Discord's 6000 per message. */
export function embedSize(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/** Clips an embed to Discord's limits; `budget` is what is left of the 6000 for this embed. */
export function fitEmbed(embed: APIEmbed, budget: number = EMBED_TOTAL): APIEmbed {
  const fitted: APIEmbed = {
    ...embed,
    ...(embed.title !== undefined ? { title: clip(embed.title, 256) } : {}),
    ...(embed.description !== undefined ? { description: clip(embed.description, 4096) } : {}),
    ...(embed.footer !== undefined ? { footer: { ...embed.footer, text: clip(embed.footer.text, 2048) } } : {}),
    ...(embed.fields !== undefined
      ? {
          fields: embed.fields
            .slice(0, 25)
            .map((f) => ({ ...f, name: clip(f.name, 256) || '\u200b', value: clip(f.value, 1024) || '\u200b' })),
        }
      : {}),
  };
  let over = embedSize(fitted) - budget;
  if (over <= 0) return fitted;
  // Shorten the longest field values first, then the description.
  const fields = [...(fitted.fields ?? [])];
  while (over > 0) {
    const longest = fields.reduce((best, f, i) => (f.value.length > (fields[best]?.value.length ?? -1) ? i : best), 0);
    const field = fields[longest];
    if (!field || field.value.length <= 80) break;
    const cut = Math.min(over, field.value.length - 80);
    fields[longest] = { ...field, value: clip(field.value, field.value.length - cut) };
    over -= cut;
  }
  const result = { ...fitted, ...(fitted.fields ? { fields } : {}) };
  over = embedSize(result) - budget;
  if (over > 0 && result.description) {
    result.description = clip(result.description, Math.max(1, result.description.length - over));
  }
  return result;
}
