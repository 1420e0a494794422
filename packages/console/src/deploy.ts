import { DeployError, deployCommands } from '@autoalex/discord';
import type { ConsoleConfig } from './config.ts';

export interface DeployRequest {
  guild: string | undefined;
  global: boolean;
}

/**
 * Registers the catalogue with Discord: in `--guild`, else in DISCORD_DEV_GUILD_ID (instant), else
 * globally (`--global` forces that). Resolves to the line to print; throws DeployError.
 */
export async function deploy(config: ConsoleConfig, request: DeployRequest): Promise<string> {
  const missing = [
    config.DISCORD_TOKEN ? undefined : 'DISCORD_TOKEN',
    config.DISCORD_APPLICATION_ID ? undefined : 'DISCORD_APPLICATION_ID',
  ].filter((name): name is string => name !== undefined);
  if (missing.length > 0) {
    throw new DeployError('invalid', `set ${missing.join(' and ')} in .env (or the environment) to register commands`);
  }
  const guildId = request.global ? undefined : (request.guild ?? config.DISCORD_DEV_GUILD_ID);
  const result = await deployCommands({
    applicationId: config.DISCORD_APPLICATION_ID!,
    token: config.DISCORD_TOKEN!,
    guildId,
    apiUrl: config.DISCORD_API_URL,
  });
  return result.scope === 'guild'
    ? `Registered ${result.commands.length} commands in server ${guildId} (they show up at once).`
    : `Registered ${result.commands.length} commands globally (Discord may take a few minutes to show changes).`;
}
