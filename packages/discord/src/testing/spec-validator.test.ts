import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ContainerBuilder,
  EmbedBuilder,
  MessageFlags,
  ModalBuilder,
  SeparatorBuilder,
  SlashCommandBuilder,
  StringSelectMenuBuilder,
  TextDisplayBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { describe, expect, it } from 'vitest';
import { type SpecOperation, sharedSpecValidator } from './spec-validator.ts';

// Bodies built with discord.js' own builders must pass (no false violations for the suite), and
// broken ones must fail with Discord's error tree.

const validator = sharedSpecValidator();

function op(method: string, path: string): SpecOperation {
  const matched = validator.match(method, path);
  if (!matched) throw new Error(`no operation for ${method} ${path}`);
  return matched.operation;
}

const callback = () => op('POST', '/interactions/1/tok/callback');

describe('operation lookup', () => {
  it('decodes %40original and prefers literal segments over parameters', () => {
    expect(validator.match('PATCH', '/webhooks/1/tok/messages/%40original')?.operation.operationId).toBe(
      'update_original_webhook_message',
    );
    expect(validator.match('PATCH', '/webhooks/1/tok/messages/42')).toMatchObject({
      operation: { operationId: 'update_webhook_message' },
      params: { webhook_id: '1', webhook_token: 'tok', message_id: '42' },
    });
    expect(validator.match('GET', '/users/@me')?.operation.operationId).toBe('get_my_user');
    expect(validator.match('GET', '/users/123')?.operation.operationId).toBe('get_user');
    expect(validator.match('GET', '/no/such/route')).toBeUndefined();
  });

  it('knows which operations need no bot token', () => {
    expect(callback().anonymous).toBe(true);
    expect(op('POST', '/channels/1/messages').anonymous).toBe(false);
  });
});

describe('bodies the suite builds with discord.js builders', () => {
  it('accepts a reply with embeds, buttons and a select menu', () => {
    const embed = new EmbedBuilder()
      .setTitle('Top artists')
      .setDescription('This week')
      .setColor(0x5865f2)
      .addFields({ name: 'Miles Davis', value: '42 plays', inline: true })
      .setFooter({ text: 'Tautulli' })
      .setThumbnail('https://example.com/a.png')
      .setTimestamp(new Date('2026-11-01T00:00:00Z'));
    const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('queue:skip').setLabel('Skip').setStyle(ButtonStyle.Primary),
      new ButtonBuilder().setURL('https://example.com').setLabel('Open').setStyle(ButtonStyle.Link),
    );
    const select = new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
      new StringSelectMenuBuilder()
        .setCustomId('genre')
        .addOptions({ label: 'Jazz', value: 'jazz' }, { label: 'Funk', value: 'funk' }),
    );
    const body = {
      type: 4,
      data: {
        content: 'Here you go',
        embeds: [embed.toJSON()],
        components: [buttons.toJSON(), select.toJSON()],
        flags: MessageFlags.Ephemeral,
        allowed_mentions: { parse: [] },
      },
    };
    expect(validator.validateBody(callback(), body)).toEqual({ valid: true });
  });

  it('accepts a Components V2 message and a modal', () => {
    const container = new ContainerBuilder()
      .addTextDisplayComponents(new TextDisplayBuilder().setContent('## Now playing'))
      .addSeparatorComponents(new SeparatorBuilder());
    const v2 = { type: 4, data: { components: [container.toJSON()], flags: MessageFlags.IsComponentsV2 } };
    expect(validator.validateBody(callback(), v2)).toEqual({ valid: true });

    const modal = new ModalBuilder()
      .setCustomId('rename')
      .setTitle('Rename playlist')
      .addComponents(
        new ActionRowBuilder<TextInputBuilder>().addComponents(
          new TextInputBuilder().setCustomId('name').setLabel('Name').setStyle(TextInputStyle.Short),
        ),
      );
    expect(validator.validateBody(callback(), { type: 9, data: modal.toJSON() })).toEqual({ valid: true });
  });

  it('accepts deferrals, updates and autocomplete results', () => {
    for (const body of [
      { type: 5 },
      { type: 5, data: { flags: 64 } },
      { type: 6 },
      { type: 7, data: { content: 'updated', components: [] } },
      { type: 8, data: { choices: [{ name: 'So What', value: 'so-what' }] } },
    ]) {
      expect(validator.validateBody(callback(), body), JSON.stringify(body)).toEqual({ valid: true });
    }
  });

  it('accepts a bulk command registration built with SlashCommandBuilder', () => {
    const play = new SlashCommandBuilder()
      .setName('play')
      .setDescription('Play a track')
      .addStringOption((o) => o.setName('query').setDescription('What to play').setRequired(true).setAutocomplete(true))
      .addIntegerOption((o) => o.setName('volume').setDescription('Volume').setMinValue(0).setMaxValue(100));
    const playlist = new SlashCommandBuilder()
      .setName('playlist')
      .setDescription('Playlists')
      .addSubcommand((s) => s.setName('show').setDescription('Show one'))
      .addSubcommand((s) =>
        s
          .setName('add')
          .setDescription('Add a track')
          .addStringOption((o) => o.setName('track').setDescription('Track').setRequired(true)),
      );
    const result = validator.validateBody(op('PUT', '/applications/1/commands'), [play.toJSON(), playlist.toJSON()]);
    expect(result).toEqual({ valid: true });
  });
});

describe('bodies Discord refuses', () => {
  it('reports the branch the callback type selects, in Discord error-tree form', () => {
    const result = validator.validateBody(callback(), {
      type: 4,
      data: { content: 'ok', embeds: [{ title: 't'.repeat(257) }] },
    });
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.issues).toEqual([
      { path: 'data.embeds.0.title', code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' },
    ]);
    expect(result.errors).toEqual({
      data: {
        embeds: {
          '0': { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 256 or fewer in length.' }] } },
        },
      },
    });
  });

  it('reports a missing modal title and an unknown callback type', () => {
    const modal = validator.validateBody(callback(), { type: 9, data: { custom_id: 'm', components: [] } });
    expect(modal.valid).toBe(false);
    if (!modal.valid) expect(modal.issues.map((i) => `${i.path}:${i.code}`)).toContain('data.title:BASE_TYPE_REQUIRED');

    const unknown = validator.validateBody(callback(), { type: 99 });
    expect(unknown.valid).toBe(false);
    if (!unknown.valid)
      expect(unknown.issues).toEqual([expect.objectContaining({ path: 'type', code: 'BASE_TYPE_CHOICES' })]);
  });

  it('refuses more than 25 autocomplete choices', () => {
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `n${i}`, value: `v${i}` }));
    const result = validator.validateBody(callback(), { type: 8, data: { choices } });
    expect(result.valid).toBe(false);
    if (!result.valid)
      expect(result.issues).toEqual([expect.objectContaining({ path: 'data.choices', code: 'BASE_TYPE_MAX_LENGTH' })]);
  });
});
