import type { ConfigOf, discord, web } from '@autoalex/config';
import type { Integration } from '../integration.ts';

type LoginConfig = Pick<ConfigOf<typeof discord>, 'DISCORD_APPLICATION_ID'> &
  Pick<ConfigOf<typeof web>, 'DISCORD_CLIENT_SECRET' | 'SESSION_SECRET' | 'ENCRYPTION_KEY'>;

export interface LoginSettings {
  applicationId: string;
  clientSecret: string;
  sessionSecret: string;
  encryptionKey: string;
}

/** Discord OAuth2 login to the dashboard: four settings, all of them named when unset. */
export const loginIntegration: Integration<
  LoginConfig,
  'DISCORD_APPLICATION_ID' | 'DISCORD_CLIENT_SECRET' | 'SESSION_SECRET' | 'ENCRYPTION_KEY',
  LoginSettings
> = {
  name: 'login',
  requires: ['DISCORD_APPLICATION_ID', 'DISCORD_CLIENT_SECRET', 'SESSION_SECRET', 'ENCRYPTION_KEY'],
  without: 'Discord login to the dashboard is disabled',
  client: (config) => ({
    applicationId: config.DISCORD_APPLICATION_ID,
    clientSecret: config.DISCORD_CLIENT_SECRET,
    sessionSecret: config.SESSION_SECRET,
    encryptionKey: config.ENCRYPTION_KEY,
  }),
  check: () => async () => ({ status: 'ok', detail: 'Discord OAuth2 settings present' }),
  disabledSentence: (missing, said) =>
    `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set: ${said.without}; set ${missing.length === 1 ? 'it' : 'them'} in .env`,
};
